package dev.fleche.core.storage.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.InvalidDigestException;
import dev.fleche.core.storage.AmbiguousKeyException;
import dev.fleche.core.storage.KeyManagement;
import dev.fleche.core.storage.KeyNotFoundException;

/**
 * The rules of digest prefixes, shared by every backend: validation, resolution of a prefix from
 * its first matches, and the shortest unambiguous prefixes of a batch of keys.
 */
public final class Keys {

	private Keys() {
	}

	/**
	 * Checks that {@code prefix} can name a key: 4 to 64 lowercase hexadecimal characters.
	 * @throws InvalidDigestException if it cannot
	 */
	public static String checkPrefix(String prefix) {
		if (prefix == null) {
			throw new InvalidDigestException("null", "a digest or prefix is required");
		}
		if (prefix.length() < KeyManagement.MIN_PREFIX) {
			throw new InvalidDigestException(prefix,
					"a prefix needs at least " + KeyManagement.MIN_PREFIX + " characters, got " + prefix.length());
		}
		if (prefix.length() > Digest.HEX_LENGTH) {
			throw new InvalidDigestException(prefix, "longer than " + Digest.HEX_LENGTH + " characters");
		}
		if (!Digest.isLowerHex(prefix)) {
			throw new InvalidDigestException(prefix, "only lowercase hexadecimal characters are allowed");
		}
		return prefix;
	}

	/** Whether {@code prefix} is too short to name a key: it names nothing, so nothing contains it. */
	public static boolean tooShort(String prefix) {
		return prefix != null && prefix.length() < KeyManagement.MIN_PREFIX;
	}

	/**
	 * Resolves {@code prefix} from the lexicographically smallest keys that start with it, ascending
	 * (two are enough to tell; with all of them the length needed is exact).
	 * @param matchCount how many keys match, if the caller knows; otherwise {@code candidates.size()}
	 * @throws KeyNotFoundException if there is no candidate
	 * @throws AmbiguousKeyException if there are two or more
	 */
	public static Digest resolve(String prefix, List<Digest> candidates, int matchCount) {
		if (candidates.isEmpty()) {
			throw new KeyNotFoundException(prefix);
		}
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		int needed = 0;
		for (int i = 1; i < candidates.size(); i++) {
			needed = Math.max(needed, commonPrefixLength(candidates.get(i - 1).hex(), candidates.get(i).hex()) + 1);
		}
		throw new AmbiguousKeyException(prefix, Math.max(matchCount, candidates.size()), needed);
	}

	/**
	 * The shortest unambiguous prefix of each key among {@code sortedAll}, at least
	 * {@value KeyManagement#MIN_PREFIX} characters.
	 * @param keys the keys to shrink
	 * @param sortedAll every stored key, ascending
	 * @throws IllegalArgumentException if {@code keys} is empty
	 * @throws KeyNotFoundException if one of {@code keys} is not stored
	 */
	public static Map<Digest, String> shrink(Collection<Digest> keys, List<Digest> sortedAll) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("shrink needs at least one key");
		}
		Map<Digest, String> result = new LinkedHashMap<>();
		for (Digest key : keys) {
			int at = Collections.binarySearch(sortedAll, key);
			if (at < 0) {
				throw new KeyNotFoundException(key.hex());
			}
			int needed = KeyManagement.MIN_PREFIX;
			int position = at >= 0 ? at : -at - 1;
			if (position > 0) {
				needed = Math.max(needed, commonPrefixLength(key.hex(), sortedAll.get(position - 1).hex()) + 1);
			}
			int next = at >= 0 ? position + 1 : position;
			if (next < sortedAll.size()) {
				needed = Math.max(needed, commonPrefixLength(key.hex(), sortedAll.get(next).hex()) + 1);
			}
			result.put(key, key.prefix(Math.min(needed, Digest.HEX_LENGTH)));
		}
		return result;
	}

	/** The keys of {@code sortedAll} that start with {@code prefix}, at most {@code limit}. */
	public static List<Digest> matching(List<Digest> sortedAll, String prefix, int limit) {
		List<Digest> matches = new ArrayList<>(Math.min(limit, 4));
		int at = Collections.binarySearch(sortedAll, lowest(prefix));
		for (int i = at >= 0 ? at : -at - 1; i < sortedAll.size() && matches.size() < limit; i++) {
			Digest candidate = sortedAll.get(i);
			if (!candidate.startsWith(prefix)) {
				break;
			}
			matches.add(candidate);
		}
		return matches;
	}

	/** The smallest full digest that starts with {@code prefix}. */
	public static Digest lowest(String prefix) {
		return Digest.of(prefix + "0".repeat(Digest.HEX_LENGTH - prefix.length()));
	}

	static int commonPrefixLength(String a, String b) {
		int n = Math.min(a.length(), b.length());
		int i = 0;
		while (i < n && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		return i;
	}

}
