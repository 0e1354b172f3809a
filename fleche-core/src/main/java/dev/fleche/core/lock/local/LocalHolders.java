package dev.fleche.core.lock.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.lock.HeldModes;
import dev.fleche.core.lock.LockState;

/**
 * The grants one key holds now, with their modes counted on demand. Guarded by the queue's lock.
 */
final class LocalHolders {

	private final List<LocalGrant> grants = new ArrayList<>(2);

	private @Nullable HeldModes modes = HeldModes.none();

	private int leased;

	void add(LocalGrant grant) {
		this.grants.add(grant);
		this.modes = null;
		if (grant.expiresAt() != null) {
			this.leased++;
		}
	}

	void remove(LocalGrant grant) {
		this.grants.remove(grant);
		this.modes = this.grants.isEmpty() ? HeldModes.none() : null;
		if (grant.expiresAt() != null) {
			this.leased--;
		}
	}

	/** The modes held, counted once after each change. */
	HeldModes modes() {
		HeldModes held = this.modes;
		if (held == null) {
			Map<String, Integer> counts = new HashMap<>();
			for (LocalGrant grant : this.grants) {
				counts.merge(grant.mode().name(), 1, Integer::sum);
			}
			held = HeldModes.of(counts);
			this.modes = held;
		}
		return held;
	}

	/** Whether any grant has a lease. */
	boolean hasLeases() {
		return this.leased > 0;
	}

	/** Leased grants whose lease ended at {@code now}. */
	List<LocalGrant> overdue(Instant now) {
		List<LocalGrant> overdue = new ArrayList<>(1);
		for (LocalGrant grant : this.grants) {
			Instant expires = grant.expiresAt();
			if (expires != null && !now.isBefore(expires)) {
				overdue.add(grant);
			}
		}
		return overdue;
	}

	/** Leased grants with no lease check scheduled. */
	List<LocalGrant> unchecked() {
		List<LocalGrant> unchecked = new ArrayList<>(1);
		for (LocalGrant grant : this.grants) {
			if (grant.expiresAt() != null && grant.expiry == null) {
				unchecked.add(grant);
			}
		}
		return unchecked;
	}

	/** Grants made with {@code tag}. */
	List<LocalGrant> tagged(String tag) {
		List<LocalGrant> tagged = new ArrayList<>();
		for (LocalGrant grant : this.grants) {
			if (grant.options().tags().contains(tag)) {
				tagged.add(grant);
			}
		}
		return tagged;
	}

	/** Every grant, as a copy. */
	List<LocalGrant> all() {
		return new ArrayList<>(this.grants);
	}

	/** The grants as snapshot holders. */
	List<LockState.Holder> snapshot() {
		List<LockState.Holder> list = new ArrayList<>(this.grants.size());
		for (LocalGrant grant : this.grants) {
			Instant expires = grant.expiresAt();
			list.add(new LockState.Holder(grant.owner().toString(), grant.mode().name(), grant.token(),
					grant.grantedAtMillis(), (expires != null) ? expires.toEpochMilli() : 0));
		}
		return list;
	}

}
