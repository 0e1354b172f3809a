package dev.fleche.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The core is plain Java: nothing in it depends on Spring, and the storage layer does not depend
 * on locks or the cache built on top of it.
 */
class CoreArchitectureTest {

	private final JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.fleche.core");

	@Test
	void coreDependsOnNothingFromSpring() {
		noClasses().that()
			.resideInAPackage("dev.fleche.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.micrometer..")
			.check(this.core);
	}

	@Test
	void storageDoesNotDependOnTheLayersAboveIt() {
		noClasses().that()
			.resideInAnyPackage("dev.fleche.core.storage..", "dev.fleche.core.digest..", "dev.fleche.core.call..",
					"dev.fleche.core.serial..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.fleche.core.cache..", "dev.fleche.core.lock..")
			.check(this.core);
	}

	@Test
	void lockPrimitivesDoNotDependOnStorageOrTheCache() {
		noClasses().that()
			.resideInAPackage("dev.fleche.core.lock..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.fleche.core.storage..", "dev.fleche.core.cache..")
			.check(this.core);
	}

}
