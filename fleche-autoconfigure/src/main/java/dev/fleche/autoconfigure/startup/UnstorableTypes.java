package dev.fleche.autoconfigure.startup;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Type;
import java.nio.channels.Channel;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;

import dev.fleche.autoconfigure.reactive.ReactiveTypes;

/**
 * Return types a call cache cannot store: one-shot sequences and streams (read once, then gone),
 * I/O handles, plain futures and publishers other than {@code Mono} and {@code Flux}.
 */
public final class UnstorableTypes {

	private static final List<Class<?>> ONE_SHOT = List.of(BaseStream.class, Iterator.class, Spliterator.class,
			Enumeration.class, InputStream.class, OutputStream.class, Reader.class, Writer.class, Channel.class);

	private UnstorableTypes() {
	}

	/**
	 * Why the declared return type {@code type} cannot be stored, or {@code null} if it can.
	 */
	public static @Nullable String problem(Type type) {
		ResolvableType resolvable = ResolvableType.forType(type);
		Class<?> raw = resolvable.resolve(Object.class);
		if (raw == CompletableFuture.class || raw == CompletionStage.class || raw == Optional.class
				|| ReactiveTypes.isReactive(raw)) {
			Class<?> inner = resolvable.getGeneric(0).resolve(Object.class);
			String problem = oneShot(inner);
			return (problem != null) ? problem + " inside " + raw.getSimpleName() : null;
		}
		if (Future.class.isAssignableFrom(raw)) {
			return raw.getName() + " is a future the cache cannot wait for; return a CompletableFuture";
		}
		if (ReactiveTypes.isOtherPublisher(raw)) {
			return raw.getName() + " is a publisher the cache cannot collect; return a Mono or a Flux";
		}
		return oneShot(raw);
	}

	private static @Nullable String oneShot(Class<?> raw) {
		for (Class<?> type : ONE_SHOT) {
			if (type.isAssignableFrom(raw)) {
				return raw.getName() + " can be read only once, so the cache cannot store it; return a List or "
						+ "another value instead";
			}
		}
		return null;
	}

}
