package dev.fleche.autoconfigure.storage;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.fleche.core.storage.KeyManagement;
import dev.fleche.core.storage.sync.LockTable;
import dev.fleche.core.storage.sync.StorageOperation;
import dev.fleche.core.storage.sync.StorageOperations;

/**
 * AOP advice that runs every storage operation under the locks its intent and keys need: shared
 * for reads, exclusive for writes, on the normalized full keys in ascending order.
 */
public final class StorageLockInterceptor implements MethodInterceptor {

	private final KeyManagement target;

	private final LockTable table;

	public StorageLockInterceptor(KeyManagement target, LockTable table) {
		this.target = target;
		this.table = table;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		StorageOperation operation = StorageOperations.resolve(invocation.getMethod(), invocation.getArguments(),
				this.target);
		if (operation == null) {
			return invocation.proceed();
		}
		try (LockTable.Held held = this.table.lock(operation)) {
			return invocation.proceed();
		}
	}

}
