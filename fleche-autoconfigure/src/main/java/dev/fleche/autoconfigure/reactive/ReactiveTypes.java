package dev.fleche.autoconfigure.reactive;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Tells Reactor's {@code Mono} and {@code Flux} return types apart without loading Reactor when
 * it is not on the class path.
 */
public final class ReactiveTypes {

	private static final @Nullable Class<?> MONO = load("reactor.core.publisher.Mono");

	private static final @Nullable Class<?> FLUX = load("reactor.core.publisher.Flux");

	private ReactiveTypes() {
	}

	/** Whether {@code type} is exactly {@code Mono}. */
	public static boolean isMono(Class<?> type) {
		return type == MONO && MONO != null;
	}

	/** Whether {@code type} is exactly {@code Flux}. */
	public static boolean isFlux(Class<?> type) {
		return type == FLUX && FLUX != null;
	}

	/** Whether {@code type} is {@code Mono} or {@code Flux}. */
	public static boolean isReactive(Class<?> type) {
		return isMono(type) || isFlux(type);
	}

	/** Whether {@code type} is some other Reactive Streams publisher, which Fleche cannot handle. */
	public static boolean isOtherPublisher(Class<?> type) {
		return !isReactive(type) && ClassUtils.isPresent("org.reactivestreams.Publisher", ReactiveTypes.class.getClassLoader())
				&& isAssignableToPublisher(type);
	}

	private static boolean isAssignableToPublisher(Class<?> type) {
		for (Class<?> c = type; c != null; c = c.getSuperclass()) {
			for (Class<?> i : ClassUtils.getAllInterfacesForClassAsSet(c)) {
				if (i.getName().equals("org.reactivestreams.Publisher")) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable Class<?> load(String name) {
		ClassLoader loader = ReactiveTypes.class.getClassLoader();
		if (!ClassUtils.isPresent(name, loader)) {
			return null;
		}
		return ClassUtils.resolveClassName(name, loader);
	}

}
