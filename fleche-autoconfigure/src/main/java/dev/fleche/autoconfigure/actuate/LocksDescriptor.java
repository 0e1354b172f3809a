package dev.fleche.autoconfigure.actuate;

import java.util.List;

/**
 * The response of the {@code locks} endpoint: every lock used. Immutable.
 *
 * @param locks the locks, sorted by key then backend
 */
public record LocksDescriptor(List<LockDescriptor> locks) {

	public LocksDescriptor {
		locks = List.copyOf(locks);
	}

}
