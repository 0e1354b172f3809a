package dev.fleche.core.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import tools.jackson.databind.JsonNode;

/**
 * A query over calls: each field set must match, each field left unset matches anything. A value
 * given for an argument or the result matches by its digest; a {@link Digest} given matches
 * itself; an argument can also be required present with any value. A metadata filter matches a
 * namespace that is present, or whose value contains the filter ({@link JsonContainment}): a
 * stored object with more fields still matches. Several filters are ANDed. Immutable; build it with
 * {@link #any()} and the {@code with} methods.
 */
public final class CallTemplate {

	private static final CallTemplate ANY = new CallTemplate(null, null, Map.of(), Set.of(), null, Map.of());

	private final @Nullable String name;

	private final @Nullable String version;

	private final Map<String, Digest> arguments;

	private final Set<String> presentArguments;

	private final @Nullable Digest result;

	private final Map<String, @Nullable JsonNode> metadata;

	private CallTemplate(@Nullable String name, @Nullable String version, Map<String, Digest> arguments,
			Set<String> presentArguments, @Nullable Digest result, Map<String, @Nullable JsonNode> metadata) {
		this.name = name;
		this.version = version;
		this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
		this.presentArguments = Collections.unmodifiableSet(new LinkedHashSet<>(presentArguments));
		this.result = result;
		this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/** The template that matches every call. */
	public static CallTemplate any() {
		return ANY;
	}

	/** Also requires this name. */
	public CallTemplate withName(String name) {
		return new CallTemplate(Objects.requireNonNull(name, "name"), this.version, this.arguments, this.presentArguments,
				this.result, this.metadata);
	}

	/** Also requires this version. */
	public CallTemplate withVersion(String version) {
		return new CallTemplate(this.name, Objects.requireNonNull(version, "version"), this.arguments, this.presentArguments,
				this.result, this.metadata);
	}

	/**
	 * Also requires argument {@code argument} to have this value (or this digest, if a
	 * {@link Digest} is given; {@code null} means the argument was null).
	 */
	public CallTemplate withArgument(String argument, @Nullable Object valueOrDigest) {
		Map<String, Digest> copy = new LinkedHashMap<>(this.arguments);
		copy.put(Objects.requireNonNull(argument, "argument"), Digester.standard().digest(valueOrDigest));
		return new CallTemplate(this.name, this.version, copy, this.presentArguments, this.result, this.metadata);
	}

	/** Also requires argument {@code argument} to be present, with any value. */
	public CallTemplate withArgument(String argument) {
		Set<String> copy = new LinkedHashSet<>(this.presentArguments);
		copy.add(Objects.requireNonNull(argument, "argument"));
		return new CallTemplate(this.name, this.version, this.arguments, copy, this.result, this.metadata);
	}

	/** Also requires this result value (or this digest, if a {@link Digest} is given). */
	public CallTemplate withResult(@Nullable Object valueOrDigest) {
		return new CallTemplate(this.name, this.version, this.arguments, this.presentArguments,
				Digester.standard().digest(valueOrDigest), this.metadata);
	}

	/** Also requires metadata namespace {@code namespace} to be present. */
	public CallTemplate withMetadata(String namespace) {
		Map<String, @Nullable JsonNode> copy = new LinkedHashMap<>(this.metadata);
		copy.put(Objects.requireNonNull(namespace, "namespace"), null);
		return new CallTemplate(this.name, this.version, this.arguments, this.presentArguments, this.result, copy);
	}

	/**
	 * Also requires metadata namespace {@code namespace} to contain {@code value}: see
	 * {@link JsonContainment}; an empty object only requires the namespace to be present.
	 */
	public CallTemplate withMetadata(String namespace, JsonNode value) {
		Map<String, @Nullable JsonNode> copy = new LinkedHashMap<>(this.metadata);
		copy.put(Objects.requireNonNull(namespace, "namespace"), Objects.requireNonNull(value, "value"));
		return new CallTemplate(this.name, this.version, this.arguments, this.presentArguments, this.result, copy);
	}

	/** The name required, or {@code null} for any. */
	public @Nullable String name() {
		return this.name;
	}

	/** The version required, or {@code null} for any. */
	public @Nullable String version() {
		return this.version;
	}

	/** Argument name to the digest required. */
	public Map<String, Digest> arguments() {
		return this.arguments;
	}

	/** The arguments required present, with any value. */
	public Set<String> presentArguments() {
		return this.presentArguments;
	}

	/** The result digest required, or {@code null} for any. */
	public @Nullable Digest result() {
		return this.result;
	}

	/** Namespace to the JSON value it must contain, or to {@code null} where presence is enough. */
	public Map<String, @Nullable JsonNode> metadata() {
		return this.metadata;
	}

	/** Whether {@code call} matches every field this template sets. */
	public boolean matches(Call call) {
		if (this.name != null && !this.name.equals(call.name())) {
			return false;
		}
		if (this.version != null && !this.version.equals(call.version())) {
			return false;
		}
		for (Map.Entry<String, Digest> argument : this.arguments.entrySet()) {
			if (!argument.getValue().equals(call.arguments().get(argument.getKey()))) {
				return false;
			}
		}
		if (!call.arguments().keySet().containsAll(this.presentArguments)) {
			return false;
		}
		if (this.result != null && !this.result.equals(call.result())) {
			return false;
		}
		for (Map.Entry<String, @Nullable JsonNode> filter : this.metadata.entrySet()) {
			JsonNode actual = call.metadata().get(filter.getKey());
			if (actual == null || (filter.getValue() != null && !JsonContainment.contains(actual, filter.getValue()))) {
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "CallTemplate[name=" + this.name + ", version=" + this.version + ", arguments=" + this.arguments
				+ ", presentArguments=" + this.presentArguments + ", result=" + this.result + ", metadata=" + this.metadata + "]";
	}

}
