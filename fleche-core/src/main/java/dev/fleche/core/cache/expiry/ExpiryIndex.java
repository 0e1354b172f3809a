package dev.fleche.core.cache.expiry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;

/**
 * The expiry times of calls this process read or wrote recently, so a cache hit can check expiry
 * with the one-column result lookup instead of reading the whole record. An entry is trusted for
 * {@link #TRUST}, then the record is read again (another process may have re-saved it with
 * another expiry). Bounded: past {@link #MAX_ENTRIES} it starts afresh.
 */
final class ExpiryIndex {

	/** How long a learned expiry is trusted. */
	static final Duration TRUST = Duration.ofMinutes(1);

	static final int MAX_ENTRIES = 100_000;

	private static final long NEVER = Long.MAX_VALUE;

	private final ConcurrentHashMap<Digest, long[]> entries = new ConcurrentHashMap<>();

	void learn(Call call, Instant now) {
		if (this.entries.size() >= MAX_ENTRIES) {
			this.entries.clear();
		}
		Instant expiresAt = Expiry.expiresAt(call);
		long expiry = (expiresAt == null) ? NEVER
				: (expiresAt.equals(Instant.MIN) ? Long.MIN_VALUE : expiresAt.toEpochMilli());
		this.entries.put(call.key(), new long[] { expiry, now.toEpochMilli() });
	}

	void forget(Digest key) {
		this.entries.remove(key);
	}

	/**
	 * Whether the call under {@code key} is expired at {@code now}, or {@code null} if not known
	 * (or no longer trusted).
	 */
	@Nullable Boolean expired(Digest key, Instant now) {
		long[] entry = this.entries.get(key);
		long millis = now.toEpochMilli();
		if (entry == null || millis - entry[1] >= TRUST.toMillis()) {
			return null;
		}
		return entry[0] != NEVER && millis >= entry[0];
	}

}
