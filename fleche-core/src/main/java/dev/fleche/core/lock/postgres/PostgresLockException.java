package dev.fleche.core.lock.postgres;

import dev.fleche.core.lock.LockException;

/**
 * The PostgreSQL lock backend could not reach the database, or found it unfit (a pooler in
 * transaction mode, a missing schema). Names the key concerned, or the backend.
 */
public class PostgresLockException extends LockException {

	private static final long serialVersionUID = 1L;

	public PostgresLockException(String key, String message) {
		super(key, message);
	}

	public PostgresLockException(String key, String message, Throwable cause) {
		super(key, message + ": " + cause, cause);
	}

}
