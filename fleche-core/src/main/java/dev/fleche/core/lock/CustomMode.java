package dev.fleche.core.lock;

import java.util.Objects;

/**
 * A mode given by name and rule. Equal by name.
 */
final class CustomMode implements LockMode {

	private final String name;

	private final CompatibilityRule rule;

	CustomMode(String name, CompatibilityRule rule) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A lock mode needs a non-blank name");
		}
		this.name = name;
		this.rule = Objects.requireNonNull(rule, "rule");
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public boolean isCompatible(HeldModes held) {
		return this.rule.isCompatible(held);
	}

	@Override
	public boolean equals(Object obj) {
		return this == obj || (obj instanceof CustomMode other && this.name.equals(other.name));
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
