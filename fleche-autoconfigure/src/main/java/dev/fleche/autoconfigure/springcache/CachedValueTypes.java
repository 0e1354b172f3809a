package dev.fleche.autoconfigure.springcache;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * The type Spring's caching stores for a method: its declared generic return type, with
 * {@code Optional}, futures and {@code Mono} unwrapped, and a {@code Flux} as a {@code List} of
 * its element type (as Spring's cache interceptor collects it).
 */
final class CachedValueTypes {

	private static final String MONO = "reactor.core.publisher.Mono";

	private static final String FLUX = "reactor.core.publisher.Flux";

	private CachedValueTypes() {
	}

	/** The stored value type of {@code method} called on {@code targetClass}. */
	static Type of(Method method, Class<?> targetClass) {
		ResolvableType returned = ResolvableType.forMethodReturnType(method, targetClass);
		Class<?> raw = returned.resolve(Object.class);
		if (raw == void.class) {
			return Object.class;
		}
		if (raw == Optional.class || Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)
				|| raw.getName().equals(MONO)) {
			return boxed(returned.as(raw).getGeneric(0));
		}
		if (raw.getName().equals(FLUX)) {
			ResolvableType element = returned.as(raw).getGeneric(0);
			return ResolvableType.forClassWithGenerics(List.class, element.resolve() != null ? element
					: ResolvableType.forClass(Object.class)).getType();
		}
		return boxed(returned);
	}

	private static Type boxed(ResolvableType type) {
		Class<?> raw = type.resolve();
		if (raw == null) {
			return Object.class;
		}
		if (raw.isPrimitive()) {
			return ClassUtils.resolvePrimitiveIfNecessary(raw);
		}
		return type.getType();
	}

}
