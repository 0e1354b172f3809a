package dev.fleche.core.lock;

import java.util.List;
import java.util.Set;

/**
 * A snapshot of one key: its holders, its queue and its last fencing token.
 *
 * @param key the key
 * @param backend the backend's name
 * @param holders the grants held now
 * @param queueLength the requests waiting now
 * @param lastToken the last fencing token granted on this key, 0 if none
 * @param tags tags of the locks used on this key
 */
public record LockState(String key, String backend, List<Holder> holders, int queueLength, long lastToken,
		Set<String> tags) {

	public LockState {
		holders = List.copyOf(holders);
		tags = Set.copyOf(tags);
	}

	/**
	 * One grant held now.
	 *
	 * @param owner the owner: process id and thread
	 * @param mode the mode's name
	 * @param token the grant's fencing token
	 * @param heldSinceEpochMillis when it was granted
	 * @param leaseExpiresEpochMillis when its lease ends, or 0 if none
	 */
	public record Holder(String owner, String mode, long token, long heldSinceEpochMillis,
			long leaseExpiresEpochMillis) {
	}

}
