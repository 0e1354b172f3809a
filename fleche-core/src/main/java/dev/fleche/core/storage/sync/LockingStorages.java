package dev.fleche.core.storage.sync;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.KeyManagement;
import dev.fleche.core.storage.ValueStorage;

/**
 * Thread-safety decorators: every operation of the decorated storage runs under the locks its
 * {@link StorageOperation} needs from a {@link LockTable}. Decorators compose: a per-key decorator
 * inside a serializing one takes both.
 */
public final class LockingStorages {

	private LockingStorages() {
	}

	/** {@code storage} behind one read/write lock. */
	public static ValueStorage serializing(ValueStorage storage) {
		return decorate(ValueStorage.class, storage, new SerializingLockTable());
	}

	/** {@code storage} behind one read/write lock. */
	public static CallStorage serializing(CallStorage storage) {
		return decorate(CallStorage.class, storage, new SerializingLockTable());
	}

	/** {@code storage} behind one read/write lock per key. */
	public static ValueStorage perKey(ValueStorage storage) {
		return decorate(ValueStorage.class, storage, new PerKeyLockTable());
	}

	/** {@code storage} behind one read/write lock per key. */
	public static CallStorage perKey(CallStorage storage) {
		return decorate(CallStorage.class, storage, new PerKeyLockTable());
	}

	/** {@code storage}, seen through {@code type}, behind the locks of {@code table}. */
	public static <T extends KeyManagement> T decorate(Class<T> type, T storage, LockTable table) {
		Objects.requireNonNull(storage, "storage");
		Objects.requireNonNull(table, "table");
		InvocationHandler handler = new LockingHandler(storage, table);
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
	}

	private static final class LockingHandler implements InvocationHandler {

		private final KeyManagement target;

		private final LockTable table;

		LockingHandler(KeyManagement target, LockTable table) {
			this.target = target;
			this.table = table;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			if (method.getDeclaringClass() == Object.class) {
				return switch (method.getName()) {
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "Locking[" + this.table.getClass().getSimpleName() + "](" + this.target + ")";
				};
			}
			StorageOperation operation = StorageOperations.resolve(method, args, this.target);
			try (LockTable.Held held = this.table.lock(operation)) {
				return method.invoke(this.target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

}
