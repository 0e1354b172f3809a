package dev.fleche.core.lock.support;

import java.util.Objects;

/**
 * Where a primitive's handles are registered: its kind, its key, and its mode. Equal by value,
 * hash computed once.
 */
final class Slot {

	private final String kind;

	private final String key;

	private final String mode;

	private final boolean exclusive;

	private final int hash;

	/**
	 * @param kind the primitive kind
	 * @param key the key
	 * @param mode the mode's name
	 * @param exclusive whether at most one grant of the slot is held in this JVM at a time
	 */
	Slot(String kind, String key, String mode, boolean exclusive) {
		this.kind = kind;
		this.key = key;
		this.mode = mode;
		this.exclusive = exclusive;
		this.hash = Objects.hash(kind, key, mode);
	}

	boolean exclusive() {
		return this.exclusive;
	}

	@Override
	public boolean equals(Object obj) {
		return this == obj || (obj instanceof Slot other && this.hash == other.hash && this.key.equals(other.key)
				&& this.kind.equals(other.kind) && this.mode.equals(other.mode));
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return this.kind + "[" + this.key + " " + this.mode + "]";
	}

}
