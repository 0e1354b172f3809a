package dev.fleche.core.storage.layered;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.storage.KeyNotFoundException;

/**
 * Call records over a stack of call storages, nearest first; the farthest layer is the
 * authority. A save writes every layer, farthest first; an evict removes from every layer. A load
 * serves a near copy only if this storage wrote or filled it less than {@code nearTtl} ago;
 * otherwise it reads the farthest layer that has the call and refills the nearer ones, so a call
 * re-saved or evicted by another host is served here at most {@code nearTtl} after. Queries and
 * transforms run on the farthest layer; after a transform every near copy is read again, and
 * those of moved calls are dropped.
 */
public final class LayeredCallStorage implements CallStorage {

	private final List<CallStorage> layers;

	private final LayeredKeys keys;

	private final Duration nearTtl;

	private final Clock clock;

	private final ConcurrentHashMap<Digest, Instant> filled = new ConcurrentHashMap<>();

	/**
	 * @param layers the storages, nearest first
	 * @param nearTtl how long a near copy is served without reading the farthest layer
	 * @param clock the clock of {@code nearTtl}
	 */
	public LayeredCallStorage(List<CallStorage> layers, Duration nearTtl, Clock clock) {
		this.keys = new LayeredKeys(layers);
		this.layers = List.copyOf(layers);
		this.nearTtl = Objects.requireNonNull(nearTtl, "nearTtl");
		if (nearTtl.isNegative()) {
			throw new IllegalArgumentException("nearTtl must not be negative, not " + nearTtl);
		}
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** The layers, nearest first. */
	public List<CallStorage> layers() {
		return this.layers;
	}

	private CallStorage farthest() {
		return this.layers.get(this.layers.size() - 1);
	}

	@Override
	public Digest save(Call call) {
		Digest key = call.key();
		for (int i = this.layers.size() - 1; i >= 0; i--) {
			this.layers.get(i).save(call);
		}
		this.filled.put(key, this.clock.instant());
		return key;
	}

	@Override
	public Call load(String digestOrPrefix) {
		Digest key = expand(digestOrPrefix);
		Instant filledAt = this.filled.get(key);
		Instant now = this.clock.instant();
		if (filledAt != null && now.isBefore(filledAt.plus(this.nearTtl))) {
			for (int i = 0; i < this.layers.size() - 1; i++) {
				try {
					return this.layers.get(i).load(key.hex());
				}
				catch (KeyNotFoundException | CorruptEntryException ex) {
					// read farther away
				}
			}
		}
		Call call;
		try {
			call = farthest().load(key.hex());
		}
		catch (KeyNotFoundException ex) {
			this.filled.remove(key);
			for (int i = 0; i < this.layers.size() - 1; i++) {
				this.layers.get(i).evict(key.hex());
			}
			throw new KeyNotFoundException(digestOrPrefix);
		}
		for (int i = this.layers.size() - 2; i >= 0; i--) {
			this.layers.get(i).save(call);
		}
		this.filled.put(key, now);
		return call;
	}

	@Override
	public List<Call> query(CallTemplate template) {
		return farthest().query(template);
	}

	@Override
	public Map<Digest, Digest> transform(UnaryOperator<Call> fn) {
		Map<Digest, Digest> moved = farthest().transform(fn);
		this.filled.clear();
		moved.keySet().forEach(oldKey -> {
			for (int i = 0; i < this.layers.size() - 1; i++) {
				this.layers.get(i).evict(oldKey.hex());
			}
		});
		return moved;
	}

	@Override
	public List<Digest> list() {
		return this.keys.list();
	}

	@Override
	public Digest expand(String digestOrPrefix) {
		return this.keys.expand(digestOrPrefix);
	}

	@Override
	public Map<Digest, String> shrink(Collection<Digest> keys) {
		return this.keys.shrink(keys);
	}

	@Override
	public boolean contains(String digestOrPrefix) {
		return this.keys.contains(digestOrPrefix);
	}

	@Override
	public void evict(String digestOrPrefix) {
		try {
			this.filled.remove(expand(digestOrPrefix));
		}
		catch (KeyNotFoundException ex) {
			return;
		}
		this.keys.evict(digestOrPrefix);
	}

	@Override
	public long storedSize(Digest key) {
		return farthest().storedSize(key);
	}

}
