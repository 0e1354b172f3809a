package dev.fleche.autoconfigure.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.fleche.autoconfigure.cache.InvalidCachedCallException;
import dev.fleche.autoconfigure.diagnostics.FlecheFailureAnalyzer;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.lock.InvalidLockedMethodException;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.StorageException;

@ExtendWith(OutputCaptureExtension.class)
class FlecheFailureAnalyzerTests {

	private final FlecheFailureAnalyzer analyzer = new FlecheFailureAnalyzer();

	private FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = this.analyzer.analyze(new BeanCreationException("bean", "wrapped", failure));
		assertThat(analysis).isNotNull();
		return analysis;
	}

	@Test
	void everyStartupExceptionGetsADescriptionAndAnAction() {
		assertThat(analyze(new UnproxyableMethodException("CachedCall", "a.B#c()", "private")).getAction())
			.contains("not final");
		assertThat(analyze(new InvalidCachedCallException("a.B#c()", "bad")).getDescription())
			.isEqualTo("@CachedCall method a.B#c(): bad");
		assertThat(analyze(new InvalidLockedMethodException("a.B#c()", "bad")).getAction()).contains("key expression");
		assertThat(analyze(new CorruptEntryException("/x/fleche.db", "not a database")).getAction())
			.contains("fleche.storage.path");
		assertThat(analyze(new StorageException("cannot open")).getAction()).contains("fleche.storage.path");
		assertThat(analyze(new LockException("k", "cannot open")).getAction()).contains("fleche.lock.directory");
	}

	@Test
	void isRegisteredWithSpringBoot() {
		List<String> names = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
					SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
					}))
			.stream()
			.map(analyzer -> analyzer.getClass().getName())
			.toList();
		assertThat(names).contains(FlecheFailureAnalyzer.class.getName());
	}

	@Test
	void aFailedStartPrintsTheDescriptionAndTheAction(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BadApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatThrownBy(() -> application.run("--fleche.lock.backend=local", "--spring.main.banner-mode=off"))
			.isInstanceOf(UnproxyableMethodException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("@Locked method dev.fleche.autoconfigure.startup.StartupBeans$FinalLocked#work() is final")
			.contains("Action:")
			.contains("Make the method public");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ FlecheLockAutoConfiguration.class, FlecheStartupChecksAutoConfiguration.class })
	static class BadApplication {

		@Bean
		StartupBeans.FinalLocked finalLocked() {
			return new StartupBeans.FinalLocked();
		}

	}

}
