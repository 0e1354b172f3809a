package dev.fleche.autoconfigure.actuate.cache;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;

import dev.fleche.core.FlecheException;
import dev.fleche.core.cache.eviction.LastAccess;
import dev.fleche.core.cache.expiry.Expiry;
import dev.fleche.core.cache.expiry.ExpiringCallStorage;
import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.KeyNotFoundException;
import dev.fleche.core.storage.ValueStorage;
import tools.jackson.databind.JsonNode;

/**
 * The {@code cachedcalls} endpoint: cached functions with counts, stored bytes, hits and misses;
 * one function's calls ({@code /cachedcalls/function/<name>}); one call by key prefix
 * ({@code /cachedcalls/call/<prefix>}); and a delete that evicts by the same two paths. It shows
 * keys, versions, argument names and times, never an argument or result value. Expired calls are
 * not shown. The delete changes the cache: expose it only behind the application's actuator
 * security.
 */
@Endpoint(id = "cachedcalls")
public final class CachedCallsEndpoint {

	/** The path segment that selects a function by name. */
	public static final String FUNCTION = "function";

	/** The path segment that selects a call by key or key prefix. */
	public static final String CALL = "call";

	private final CallStorage calls;

	private final ValueStorage values;

	private final CachedCallStatistics statistics;

	public CachedCallsEndpoint(CallStorage calls, ValueStorage values, CachedCallStatistics statistics, Clock clock) {
		this.calls = ExpiringCallStorage.wrap(calls, clock);
		this.values = values;
		this.statistics = statistics;
	}

	/** Every function with stored calls or with hits or misses since start, by name. */
	@ReadOperation
	public FunctionsDescriptor functions() {
		Map<String, List<Call>> byFunction = new TreeMap<>();
		for (Call call : this.calls.query(CallTemplate.any())) {
			byFunction.computeIfAbsent(call.name(), name -> new ArrayList<>()).add(call);
		}
		this.statistics.functions().forEach(name -> byFunction.computeIfAbsent(name, key -> new ArrayList<>()));
		List<FunctionDescriptor> functions = new ArrayList<>();
		byFunction.forEach((name, stored) -> {
			long bytes = 0;
			Instant oldest = null;
			Instant newest = null;
			for (Call call : stored) {
				bytes += Math.max(0, this.calls.storedSize(call.key())) + Math.max(0, this.values.storedSize(call.result()));
				Instant created = created(call);
				if (created != null) {
					oldest = (oldest == null || created.isBefore(oldest)) ? created : oldest;
					newest = (newest == null || created.isAfter(newest)) ? created : newest;
				}
			}
			functions.add(new FunctionDescriptor(name, stored.size(), bytes, this.statistics.hits(name),
					this.statistics.misses(name), oldest, newest));
		});
		return new FunctionsDescriptor(functions);
	}

	/**
	 * One function's calls ({@code function/<name>}, newest first) or one call
	 * ({@code call/<key or prefix>}).
	 * @return {@code null} (404) if the function has no call or no call has the prefix
	 */
	@ReadOperation
	public @Nullable Object select(@Selector String kind, @Selector(match = Match.ALL_REMAINING) String[] value) {
		String joined = String.join("/", value);
		if (FUNCTION.equals(kind)) {
			List<Call> stored = this.calls.query(CallTemplate.any().withName(joined));
			if (stored.isEmpty()) {
				return null;
			}
			Map<Digest, String> shortKeys = this.calls.shrink(stored.stream().map(Call::key).toList());
			return new FunctionCallsDescriptor(joined, stored.stream()
				.map(call -> describe(call, shortKeys.get(call.key())))
				.sorted(Comparator.comparing(CallDescriptor::created, Comparator.nullsLast(Comparator.reverseOrder())))
				.toList());
		}
		if (CALL.equals(kind)) {
			Call call = loadOrNull(joined);
			return (call != null) ? describe(call, this.calls.shrink(call.key())) : null;
		}
		throw unknownKind(kind);
	}

	/**
	 * Evicts one function's calls ({@code function/<name>}, every version) or one call
	 * ({@code call/<key or prefix>}). Values stay: other calls may share them.
	 */
	@DeleteOperation
	public EvictionDescriptor evict(@Selector String kind, @Selector(match = Match.ALL_REMAINING) String[] value) {
		String joined = String.join("/", value);
		List<Digest> keys;
		if (FUNCTION.equals(kind)) {
			keys = this.calls.query(CallTemplate.any().withName(joined)).stream().map(Call::key).toList();
		}
		else if (CALL.equals(kind)) {
			Call call = loadOrNull(joined);
			keys = (call != null) ? List.of(call.key()) : List.of();
		}
		else {
			throw unknownKind(kind);
		}
		keys.forEach(key -> {
			this.calls.evict(key.hex());
			this.statistics.forget(key);
		});
		return new EvictionDescriptor(keys.size(), keys.stream().map(Digest::hex).toList());
	}

	private @Nullable Call loadOrNull(String prefix) {
		try {
			return this.calls.load(prefix);
		}
		catch (KeyNotFoundException ex) {
			return null;
		}
		catch (IllegalArgumentException | FlecheException ex) {
			throw new InvalidEndpointRequestException(ex.getMessage(), ex.getMessage());
		}
	}

	private CallDescriptor describe(Call call, String shortKey) {
		return new CallDescriptor(call.key().hex(), shortKey, call.name(), call.version(),
				List.copyOf(call.arguments().keySet()), created(call), lastHit(call), Expiry.expiresAt(call));
	}

	/** The later of this process's last hit and the last access written in the record, if any. */
	private @Nullable Instant lastHit(Call call) {
		Instant here = this.statistics.lastHit(call.key());
		long written = LastAccess.of(call);
		Instant stored = (written > 0) ? Instant.ofEpochMilli(written) : null;
		if (here == null || (stored != null && stored.isAfter(here))) {
			return stored;
		}
		return here;
	}

	private static @Nullable Instant created(Call call) {
		JsonNode fleche = call.metadata().get("fleche");
		JsonNode created = (fleche != null) ? fleche.get("createdAt") : null;
		if (created == null) {
			return null;
		}
		try {
			return Instant.parse(created.asString());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static InvalidEndpointRequestException unknownKind(String kind) {
		String message = "Select '" + FUNCTION + "/<name>' or '" + CALL + "/<key prefix>', not '" + kind + "'";
		return new InvalidEndpointRequestException(message, message);
	}

}
