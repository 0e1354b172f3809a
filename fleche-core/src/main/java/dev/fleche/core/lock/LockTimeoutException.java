package dev.fleche.core.lock;

import java.time.Duration;

import dev.fleche.core.text.SafeText;

/**
 * A timed acquire gave up before it was granted.
 */
public class LockTimeoutException extends LockException {

	private static final long serialVersionUID = 1L;

	private final Duration timeout;

	public LockTimeoutException(String key, Duration timeout) {
		super(key, "Timed out after " + timeout + " waiting for lock " + SafeText.quote(key));
		this.timeout = timeout;
	}

	/** The timeout that passed. */
	public Duration timeout() {
		return this.timeout;
	}

}
