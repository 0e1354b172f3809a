package dev.fleche.core.call;

import java.util.List;
import java.util.Map;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;

/**
 * Computes the key of a call: the digest of its name, its version and the map of argument name
 * to argument digest (independent of the map's order).
 */
public final class CallKeys {

	private CallKeys() {
	}

	/** The key of a call with these parts. */
	public static Digest key(String name, String version, Map<String, Digest> arguments) {
		return Digester.standard().digest(List.of("fleche.call", name, version, Map.copyOf(arguments)));
	}

}
