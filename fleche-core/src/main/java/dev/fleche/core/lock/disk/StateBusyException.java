package dev.fleche.core.lock.disk;

/**
 * Thrown when the gate or the state lock could not be had within a budget; nothing ran.
 */
final class StateBusyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	static final StateBusyException INSTANCE = new StateBusyException();

	private StateBusyException() {
		super("The key's state is locked by another process", null, false, false);
	}

}
