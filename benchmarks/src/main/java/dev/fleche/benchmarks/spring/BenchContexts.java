package dev.fleche.benchmarks.spring;

import java.util.Map;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a small application context with the given properties.
 */
final class BenchContexts {

	private BenchContexts() {
	}

	static AnnotationConfigApplicationContext start(Class<?> configuration, Map<String, Object> properties) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bench", properties));
		context.register(configuration);
		context.refresh();
		return context;
	}

}
