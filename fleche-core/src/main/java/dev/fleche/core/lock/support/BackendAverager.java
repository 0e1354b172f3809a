package dev.fleche.core.lock.support;

import java.util.OptionalDouble;

import dev.fleche.core.lock.Averager;
import dev.fleche.core.lock.spi.LockBackend;

/**
 * An averager on the backend's atomic average operations.
 */
final class BackendAverager implements Averager {

	private final LockBackend backend;

	private final String key;

	BackendAverager(LockBackend backend, String key) {
		this.backend = backend;
		this.key = key;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public void add(double value) {
		this.backend.averageAdd(this.key, value);
	}

	@Override
	public OptionalDouble get() {
		return this.backend.averageGet(this.key);
	}

	@Override
	public OptionalDouble pop() {
		return this.backend.averagePop(this.key);
	}

	@Override
	public String toString() {
		return "Averager[" + this.key + "]";
	}

}
