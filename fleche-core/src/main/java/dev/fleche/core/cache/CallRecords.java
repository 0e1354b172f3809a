package dev.fleche.core.cache;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fleche.core.cache.expiry.Expiry;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.SaveException;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.cache.eviction.SaveGuard;
import dev.fleche.core.cache.eviction.SizeLimiter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the records of cached calls; every failure of the store is logged and turned
 * into a miss (on read) or a skipped write, never into a failed call.
 */
final class CallRecords {

	private static final Logger logger = LoggerFactory.getLogger(CallRecords.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The metadata namespace the cache writes. */
	static final String NAMESPACE = "fleche";

	private final ValueStorage values;

	private final CallStorage calls;

	private final Clock clock;

	private final String host;

	private final CacheListeners listeners;

	private final @Nullable SizeLimiter limiter;

	CallRecords(ValueStorage values, CallStorage calls, Clock clock, String host, CacheListeners listeners,
			@Nullable SizeLimiter limiter) {
		this.values = values;
		this.calls = calls;
		this.clock = clock;
		this.host = host;
		this.listeners = listeners;
		this.limiter = limiter;
	}

	/** The stored result of {@code key} read as {@code type}, or {@code null} on a miss. */
	@Nullable Hit lookup(String function, Digest key, Type type) {
		try {
			Digest result = this.calls.result(key.hex());
			return new Hit(this.values.load(result.hex(), type));
		}
		catch (KeyNotFoundException ex) {
			return null;
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot read the cached result of {} [{}]; calling it instead: {}", function, key.prefix(12),
					ex.getMessage());
			this.listeners.error(function, ex);
			return null;
		}
		catch (Error ex) {
			if (ex instanceof InternalError || ex instanceof UnknownError) {
				throw ex;
			}
			// thrown while decoding the stored entry (a hostile or broken one): a miss, not a failed call
			logger.warn("Cannot decode the cached result of {} [{}]; calling it instead: {}", function, key.prefix(12),
					ex.toString());
			this.listeners.error(function, ex);
			return null;
		}
	}

	/** Stores the arguments, the result and the call record; failures are logged. */
	void store(CallSpec spec, Digest key, Map<String, Digest> arguments, @Nullable Object result, long computeNanos) {
		SaveGuard.Scope scope = (this.limiter != null) ? this.limiter.saving() : SaveGuard.NONE.saving();
		try (scope) {
			Digest resultDigest = this.values.save(result);
			spec.arguments().forEach((name, value) -> saveArgument(spec, name, value, arguments.get(name)));
			Instant now = this.clock.instant();
			ObjectNode fleche = JSON.createObjectNode();
			fleche.put("durationNanos", computeNanos);
			fleche.put("createdAt", now.toString());
			fleche.put("host", this.host);
			Map<String, JsonNode> metadata = new TreeMap<>();
			metadata.put(NAMESPACE, fleche);
			if (spec.expireAfter() != null) {
				metadata.put(Expiry.NAMESPACE, Expiry.metadata(now, spec.expireAfter()));
			}
			this.calls.save(new Call(spec.function(), spec.version(), arguments, resultDigest, metadata));
			if (this.limiter != null) {
				this.limiter.saved(key);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot store the result of {} [{}]; returning it uncached: {}", spec.function(), key.prefix(12),
					ex.getMessage());
			this.listeners.error(spec.function(), ex);
		}
	}

	private void saveArgument(CallSpec spec, String name, @Nullable Object value, Digest digest) {
		try {
			this.values.save(value, digest);
		}
		catch (SaveException ex) {
			logger.debug("Argument '{}' of {} is not stored, only its digest: {}", name, spec.function(), ex.getMessage());
		}
	}

	/** A stored result; {@code value} may be {@code null}. */
	record Hit(@Nullable Object value) {
	}

}
