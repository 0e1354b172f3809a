package dev.fleche.autoconfigure.storage;

import org.springframework.aop.framework.ProxyFactory;

import dev.fleche.autoconfigure.FlecheProperties.Locking;
import dev.fleche.core.storage.KeyManagement;
import dev.fleche.core.storage.sync.PerKeyLockTable;
import dev.fleche.core.storage.sync.SerializingLockTable;

/**
 * Wraps storage beans in the lock advice chosen by {@code fleche.storage.locking}.
 */
public final class StorageProxies {

	private StorageProxies() {
	}

	/** {@code storage} seen through {@code type}, with the advice of {@code locking}. */
	public static <T extends KeyManagement> T wrap(Class<T> type, T storage, Locking locking) {
		if (locking == Locking.NONE) {
			return storage;
		}
		ProxyFactory factory = new ProxyFactory(storage);
		factory.setInterfaces(type);
		factory.addAdvice(new StorageLockInterceptor(storage,
				(locking == Locking.PER_KEY) ? new PerKeyLockTable() : new SerializingLockTable()));
		return type.cast(factory.getProxy(type.getClassLoader()));
	}

}
