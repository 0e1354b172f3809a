package dev.fleche.core.redis;

/**
 * The rules of a Redis key prefix: 1 to 64 printable ASCII characters, no space, no braces (they
 * would break the hash tags that keep related keys in one slot).
 */
public final class RedisKeyPrefix {

	private RedisKeyPrefix() {
	}

	/**
	 * Checks {@code prefix}.
	 * @return the prefix
	 * @throws IllegalArgumentException naming what is wrong
	 */
	public static String validate(String prefix) {
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
		return prefix;
	}

}
