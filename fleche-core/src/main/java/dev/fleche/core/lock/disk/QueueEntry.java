package dev.fleche.core.lock.disk;

import java.util.Set;

/**
 * One request in a key's persisted queue: waiting, or held once granted.
 *
 * @param ticket the request's ticket, which is also its fencing token once granted
 * @param pid the requesting process
 * @param session a random identifier of the requesting JVM's backend directory, telling this
 * JVM's entries from those of another JVM that has the same pid in another pid namespace
 * @param threadId the requesting thread in that process
 * @param mode the name of the mode requested
 * @param grantedAtMillis when it was granted (epoch millis), or 0 while waiting
 * @param leaseExpiresMillis when its lease ends (epoch millis), or 0 for no lease
 * @param tags the tags of the lock it was requested through
 */
record QueueEntry(long ticket, long pid, long session, long threadId, String mode, long grantedAtMillis,
		long leaseExpiresMillis, Set<String> tags) {

	QueueEntry {
		if (ticket <= 0) {
			throw new IllegalArgumentException("A ticket must be positive, got " + ticket);
		}
		tags = Set.copyOf(tags);
	}

	boolean isHeld() {
		return this.grantedAtMillis != 0;
	}

	boolean isExpired(long nowMillis) {
		return isHeld() && this.leaseExpiresMillis != 0 && this.leaseExpiresMillis <= nowMillis;
	}

	/** This request, granted at {@code nowMillis} with the lease given in millis (0 for none). */
	QueueEntry granted(long nowMillis, long leaseMillis) {
		long expires = (leaseMillis > 0) ? nowMillis + leaseMillis : 0;
		return new QueueEntry(this.ticket, this.pid, this.session, this.threadId, this.mode, nowMillis, expires, this.tags);
	}

}
