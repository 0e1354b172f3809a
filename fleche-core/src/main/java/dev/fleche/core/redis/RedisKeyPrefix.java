package dev.fleche.core.redis;

/**
 * The rule for the key prefixes of Fleche's Redis locks and stores.
 */
public final class RedisKeyPrefix {

	private RedisKeyPrefix() {
	}

	/**
	 * Checks a key prefix: 1 to 64 printable ASCII characters, no space, no braces.
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static void validate(String prefix) {
		if (prefix.isEmpty() || prefix.length() > 64) {
			throw new IllegalArgumentException("A Redis key prefix needs 1 to 64 characters, got '" + prefix + "'");
		}
		for (int i = 0; i < prefix.length(); i++) {
			char c = prefix.charAt(i);
			if (c <= ' ' || c > '~') {
				throw new IllegalArgumentException(
						"A Redis key prefix takes printable ASCII characters without spaces, got '" + prefix + "'");
			}
			if (c == '{' || c == '}') {
				throw new IllegalArgumentException(
						"A Redis key prefix cannot contain '{' or '}' (they mark hash tags), got '" + prefix + "'");
			}
		}
	}

}
