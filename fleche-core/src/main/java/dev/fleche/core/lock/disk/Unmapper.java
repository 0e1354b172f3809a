package dev.fleche.core.lock.disk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * Unmaps a closed lock file's state area at once, rather than when the garbage collector gets to
 * its buffer: a JVM that goes through many keys would otherwise hold thousands of stale mappings
 * and reach the kernel's map count limit. Uses {@code sun.misc.Unsafe.invokeCleaner} where the
 * JDK has it; elsewhere the mapping goes with the buffer, as before. The caller guarantees the
 * buffer is never touched again.
 */
final class Unmapper {

	private static final @Nullable MethodHandle INVOKE_CLEANER = find();

	private Unmapper() {
	}

	static void unmap(ByteBuffer buffer) {
		if (INVOKE_CLEANER != null && buffer.isDirect()) {
			try {
				INVOKE_CLEANER.invoke(buffer);
			}
			catch (Throwable ex) {
				// left to the garbage collector
			}
		}
	}

	private static @Nullable MethodHandle find() {
		try {
			Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
			Field field = unsafeClass.getDeclaredField("theUnsafe");
			field.setAccessible(true);
			Object unsafe = field.get(null);
			return MethodHandles.lookup()
				.findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
				.bindTo(unsafe);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
