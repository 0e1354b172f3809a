package dev.fleche.autoconfigure.lock;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digester;
import dev.fleche.core.digest.UndigestableValueException;

/**
 * Turns the value of a {@code @Locked} key expression into the text of the lock key. A simple
 * scalar goes in as text: a string, a character, a boolean, a standard number ({@code Byte} to
 * {@code Double}, {@code BigInteger}, {@code BigDecimal}), an enum constant (its name), a
 * {@code UUID} or a {@code java.time} value. Any other value goes in as a short content digest,
 * {@code #} and the first 16 hex digits of its canonical digest, never its {@code toString}: so a
 * record holding a password never shows in a lock key, a timeout message, the locks endpoint or
 * a lock file.
 */
final class LockKeyValues {

	/** Hex digits of the digest that stand for a non-scalar key value. */
	static final int DIGEST_CHARS = 16;

	private LockKeyValues() {
	}

	/**
	 * The key text of {@code value}.
	 * @throws UndigestableValueException if a non-scalar value has no canonical digest
	 */
	static String text(Object value) {
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		if (isScalar(value)) {
			return value.toString();
		}
		Digest digest = Digester.standard().digest(value);
		return "#" + digest.prefix(DIGEST_CHARS);
	}

	static boolean isScalar(Object value) {
		return value instanceof String || value instanceof Character || value instanceof Boolean
				|| value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
				|| value instanceof Float || value instanceof Double || value instanceof BigInteger
				|| value instanceof BigDecimal || value instanceof UUID || isJavaTime(value);
	}

	private static boolean isJavaTime(Object value) {
		Class<?> type = value.getClass();
		return type.getPackageName().equals("java.time") || value instanceof java.time.ZoneId;
	}

}
