package dev.fleche.core.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.fleche.core.digest.Digest;
import tools.jackson.databind.JsonNode;

/**
 * A call record: what was called (name and version), with which arguments (name to value digest,
 * in parameter order), what it returned (the result's digest) and metadata (namespace to a JSON
 * value). Its {@link #key()} covers name, version and arguments only.
 *
 * @param name the function's identity, such as {@code com.example.Reports#monthly}
 * @param version the version of the function's behaviour
 * @param arguments argument name to the digest of its value, in parameter order
 * @param result the digest of the result
 * @param metadata namespace to JSON value, such as {@code timing -> {"durationMillis": 12}}
 */
public record Call(String name, String version, Map<String, Digest> arguments, Digest result,
		Map<String, JsonNode> metadata) {

	/**
	 * The deepest nesting of objects and arrays a metadata value may have: {@value}. A deeper value
	 * is refused with {@link MetadataTooDeepException}.
	 */
	public static final int MAX_METADATA_DEPTH = 64;

	/**
	 * A call record.
	 * @throws MetadataTooDeepException if a metadata value is nested deeper than {@link #MAX_METADATA_DEPTH}
	 */
	public Call {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(result, "result");
		arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
		MetadataDepth.check(metadata, MAX_METADATA_DEPTH);
		metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
	}

	/** The key: the digest of name, version and argument digests. */
	public Digest key() {
		return CallKeys.key(this.name, this.version, this.arguments);
	}

	/** This call with another result. */
	public Call withResult(Digest result) {
		return new Call(this.name, this.version, this.arguments, result, this.metadata);
	}

	/** This call with other metadata. */
	public Call withMetadata(Map<String, JsonNode> metadata) {
		return new Call(this.name, this.version, this.arguments, this.result, metadata);
	}

	/** This call with one namespace of metadata set. */
	public Call withMetadata(String namespace, JsonNode value) {
		Map<String, JsonNode> copy = new TreeMap<>(this.metadata);
		copy.put(namespace, value);
		return withMetadata(copy);
	}

	/** This call with another version. */
	public Call withVersion(String version) {
		return new Call(this.name, version, this.arguments, this.result, this.metadata);
	}

	/** This call with other arguments. */
	public Call withArguments(Map<String, Digest> arguments) {
		return new Call(this.name, this.version, arguments, this.result, this.metadata);
	}

}
