package dev.fleche.core.text;

import org.jspecify.annotations.Nullable;

/**
 * Quotes untrusted text (a digest, a lock key, a file name read from disk) for an exception
 * message or a log line: control characters are escaped, so the text cannot forge log lines, and
 * long text is truncated, so it cannot flood them.
 */
public final class SafeText {

	/** How many characters of the input a quote keeps at most. */
	public static final int MAX_CHARS = 80;

	private SafeText() {
	}

	/** {@code text} in single quotes, escaped and truncated to {@link #MAX_CHARS}. */
	public static String quote(@Nullable Object text) {
		return quote(text, MAX_CHARS);
	}

	/** {@code text} in single quotes, escaped and truncated to {@code maxChars} characters. */
	public static String quote(@Nullable Object text, int maxChars) {
		if (text == null) {
			return "null";
		}
		return "'" + escape(String.valueOf(text), maxChars) + "'";
	}

	/** {@code text} escaped and truncated, without quotes. */
	public static String escape(String text, int maxChars) {
		StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 16);
		int shown = Math.min(text.length(), maxChars);
		for (int i = 0; i < shown; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\\' -> out.append("\\\\");
				case '\'' -> out.append("\\'");
				default -> {
					if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
							&& !validSurrogate(text, i)) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		if (text.length() > shown) {
			out.append("...(").append(text.length()).append(" chars)");
		}
		return out.toString();
	}

	private static boolean validSurrogate(String text, int i) {
		char c = text.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
	}

}
