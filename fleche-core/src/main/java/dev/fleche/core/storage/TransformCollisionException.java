package dev.fleche.core.storage;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.fleche.core.digest.Digest;

/**
 * A transform would leave two stored calls under one key: two calls would move to the same new key,
 * or a call would move to a key another call keeps. Nothing was written.
 */
public class TransformCollisionException extends StorageException {

	private static final long serialVersionUID = 1L;

	private final transient Map<Digest, List<Digest>> collisions;

	/**
	 * @param collisions each contested key, to the keys (before the transform) of the calls that
	 * would end under it
	 */
	public TransformCollisionException(Map<Digest, List<Digest>> collisions) {
		super("transform refused, nothing was written: several calls would end under one key: " + describe(collisions));
		this.collisions = Map.copyOf(collisions);
	}

	/** Each contested key, to the keys (before the transform) of the calls that would end under it. */
	public Map<Digest, List<Digest>> collisions() {
		return this.collisions;
	}

	private static String describe(Map<Digest, List<Digest>> collisions) {
		return collisions.entrySet()
			.stream()
			.map(entry -> entry.getKey().hex() + " <- " + entry.getValue().stream().map(Digest::hex).toList())
			.collect(Collectors.joining("; "));
	}

}
