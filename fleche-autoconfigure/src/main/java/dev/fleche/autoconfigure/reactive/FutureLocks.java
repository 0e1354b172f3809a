package dev.fleche.autoconfigure.reactive;

import java.util.concurrent.CompletionStage;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockHandle;

/**
 * Holds a grant until the future a locked method returns completes
 * ({@code @Locked(holdUntilComplete = true)}), and not just until the method returns.
 */
public final class FutureLocks {

	private FutureLocks() {
	}

	/**
	 * Runs {@code invocation} under {@code held}; releases it when the returned stage completes
	 * (normally, exceptionally or by cancellation), or at once if the method throws or returns
	 * something else.
	 */
	public static @Nullable Object holdUntilComplete(LockHandle held, MethodInvocation invocation) throws Throwable {
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			held.close();
			throw ex;
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, error) -> held.close());
			return result;
		}
		held.close();
		return result;
	}

}
