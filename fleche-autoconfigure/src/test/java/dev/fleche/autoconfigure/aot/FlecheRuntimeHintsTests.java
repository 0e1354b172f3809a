package dev.fleche.autoconfigure.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.javapoet.ClassName;

import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.Locked;
import dev.fleche.autoconfigure.actuate.LocksDescriptor;
import dev.fleche.autoconfigure.lock.LockedOperation;

class FlecheRuntimeHintsTests {

	@Test
	void registersWhatFlecheReflectsOn() {
		RuntimeHints hints = new RuntimeHints();
		new FlecheRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(CachedCall.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Locked.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LockedOperation.Root.class, "args")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LocksDescriptor.class, "locks")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"))
			.accepts(hints);
	}

	@Test
	void areListedInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(FlecheRuntimeHints.class);
		assertThat(AotServices.factories().load(BeanRegistrationAotProcessor.class))
			.hasAtLeastOneElementOfType(FlecheBeanRegistrationAotProcessor.class);
	}

	record Quote(String text, List<Integer> prices) {
	}

	record Sku(String code) {
	}

	static class Annotated {

		@CachedCall
		public Quote quote(Sku sku) {
			return new Quote(sku.code(), List.of());
		}

		@Locked
		public void work() {
		}

	}

	static class SpringCached {

		@Cacheable("c")
		public Quote quote(String name) {
			return new Quote(name, List.of());
		}

	}

	static class Plain {

		public String value() {
			return "v";
		}

	}

	private static RuntimeHints contribute(Class<?> beanClass) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(beanClass));
		BeanRegistrationAotContribution contribution = new FlecheBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(beanFactory, "bean"));
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("dev.fleche.test", "Test")), new InMemoryGeneratedFiles());
		if (contribution != null) {
			contribution.applyTo(generation, Mockito.mock(BeanRegistrationCode.class));
		}
		return generation.getRuntimeHints();
	}

	@Test
	void annotatedBeansGetTheirMethodsAndStoredTypes() {
		RuntimeHints hints = contribute(Annotated.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Annotated.class, "quote")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quote.class, "text")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Sku.class, "code")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SpringCached.class, "quote"))
			.rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quote.class, "text"))
			.accepts(contribute(SpringCached.class));
		assertThat(contribute(Plain.class).reflection().typeHints()).isEmpty();
	}

}
