package dev.fleche.core.lock.postgres;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One row of a key's queue: a waiting request ({@code token} null) or a grant.
 */
final class Entry {

	final long ticket;

	final int session;

	final String owner;

	final String mode;

	@Nullable Long token;

	long grantedAt;

	@Nullable Long leaseExpires;

	final Set<String> tags;

	Entry(long ticket, int session, String owner, String mode, @Nullable Long token, long grantedAt,
			@Nullable Long leaseExpires, Set<String> tags) {
		this.ticket = ticket;
		this.session = session;
		this.owner = owner;
		this.mode = mode;
		this.token = token;
		this.grantedAt = grantedAt;
		this.leaseExpires = leaseExpires;
		this.tags = tags;
	}

	boolean isGranted() {
		return this.token != null;
	}

	@Override
	public String toString() {
		return "Entry[" + this.ticket + " " + this.mode + " session " + this.session + (isGranted() ? " granted" : "")
				+ "]";
	}

}
