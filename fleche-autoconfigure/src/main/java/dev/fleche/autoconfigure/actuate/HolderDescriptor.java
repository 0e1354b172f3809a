package dev.fleche.autoconfigure.actuate;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.LockState;

/**
 * One grant held now, as the {@code locks} endpoint shows it. Immutable.
 *
 * @param owner the owner: process id and thread id
 * @param mode the mode's name
 * @param token the grant's fencing token
 * @param heldSince when it was granted, ISO-8601
 * @param leaseExpires when its lease ends, ISO-8601, or {@code null} if it has none
 */
public record HolderDescriptor(String owner, String mode, long token, String heldSince, @Nullable String leaseExpires) {

	public HolderDescriptor {
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(heldSince, "heldSince");
	}

	static HolderDescriptor of(LockState.Holder holder) {
		return new HolderDescriptor(holder.owner(), holder.mode(), holder.token(),
				Instant.ofEpochMilli(holder.heldSinceEpochMillis()).toString(),
				(holder.leaseExpiresEpochMillis() != 0) ? Instant.ofEpochMilli(holder.leaseExpiresEpochMillis()).toString()
						: null);
	}

}
