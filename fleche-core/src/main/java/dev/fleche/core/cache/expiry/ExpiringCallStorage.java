package dev.fleche.core.cache.expiry;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.KeyNotFoundException;

/**
 * A call storage that hides expired calls from every reader, whether or not a sweep has removed
 * them yet: {@link #load}, {@link #result}, {@link #contains} and {@link #query} act as if an
 * expired call were absent. Key listing, expansion and shrinking see the stored keys as they are
 * until {@link #sweep()} (or an evict) removes them. Writes go through unchanged. A hit on a
 * call whose expiry was learned in the last minute reads only its result digest.
 */
public final class ExpiringCallStorage implements CallStorage {

	private final CallStorage delegate;

	private final Clock clock;

	private final ExpiryIndex index = new ExpiryIndex();

	private ExpiringCallStorage(CallStorage delegate, Clock clock) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** {@code calls} hiding expired calls at the time of {@code clock}; not wrapped twice. */
	public static CallStorage wrap(CallStorage calls, Clock clock) {
		if (calls instanceof ExpiringCallStorage expiring && expiring.clock.equals(clock)) {
			return calls;
		}
		return new ExpiringCallStorage(calls, clock);
	}

	/** The storage underneath. */
	public CallStorage delegate() {
		return this.delegate;
	}

	/** Evicts every expired call. @return how many were evicted */
	public int sweep() {
		int evicted = 0;
		for (Call call : this.delegate.query(Expiry.template())) {
			if (Expiry.isExpired(call, this.clock.instant())) {
				this.delegate.evict(call.key().hex());
				evicted++;
			}
		}
		return evicted;
	}

	@Override
	public Digest save(Call call) {
		Digest key = this.delegate.save(call);
		this.index.learn(call, this.clock.instant());
		return key;
	}

	@Override
	public Call load(String digestOrPrefix) {
		Call call = this.delegate.load(digestOrPrefix);
		Instant now = this.clock.instant();
		this.index.learn(call, now);
		if (Expiry.isExpired(call, now)) {
			throw new KeyNotFoundException(digestOrPrefix);
		}
		return call;
	}

	/**
	 * The result digest of a call that is not expired. For a full key whose expiry this storage
	 * learned less than a minute ago, only the result is read; otherwise the whole record.
	 */
	@Override
	public Digest result(String digestOrPrefix) {
		if (Digest.isFullDigest(digestOrPrefix)) {
			Digest key = Digest.of(digestOrPrefix);
			Boolean expired = this.index.expired(key, this.clock.instant());
			if (Boolean.TRUE.equals(expired)) {
				throw new KeyNotFoundException(digestOrPrefix);
			}
			if (Boolean.FALSE.equals(expired)) {
				return this.delegate.result(digestOrPrefix);
			}
		}
		return load(digestOrPrefix).result();
	}

	@Override
	public List<Call> query(CallTemplate template) {
		return this.delegate.query(template).stream().filter(call -> !Expiry.isExpired(call, this.clock.instant())).toList();
	}

	@Override
	public Map<Digest, Digest> transform(UnaryOperator<Call> fn) {
		return this.delegate.transform(fn);
	}

	@Override
	public List<Digest> list() {
		return this.delegate.list();
	}

	@Override
	public Digest expand(String digestOrPrefix) {
		return this.delegate.expand(digestOrPrefix);
	}

	@Override
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return this.delegate.shrink(keys);
	}

	@Override
	public boolean contains(String digestOrPrefix) {
		try {
			load(digestOrPrefix);
			return true;
		}
		catch (KeyNotFoundException ex) {
			return false;
		}
	}

	@Override
	public void evict(String digestOrPrefix) {
		if (Digest.isFullDigest(digestOrPrefix)) {
			this.index.forget(Digest.of(digestOrPrefix));
		}
		this.delegate.evict(digestOrPrefix);
	}

	@Override
	public long storedSize(Digest key) {
		return this.delegate.storedSize(key);
	}

}
