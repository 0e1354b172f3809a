package dev.fleche.core.lock.redis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.fleche.core.lock.LockState;

/**
 * Reads a holder as the scripts store it: {@code token|since|expires|leased|process|owner|json}.
 */
final class HolderValue {

	private static final Pattern HOLDER = Pattern.compile("^(\\d+)\\|(\\d+)\\|(\\d+)\\|(\\d)\\|([^|]*)\\|([^|]*)\\|(.*)$",
			Pattern.DOTALL);

	private static final Pattern MODE = Pattern.compile("^\\{\"m\":\"((?:[^\"\\\\]|\\\\.)*)\"");

	private HolderValue() {
	}

	static LockState.Holder parse(String value) {
		Matcher matcher = HOLDER.matcher(value);
		if (!matcher.matches()) {
			throw new IllegalStateException("Unreadable lock holder in Redis: " + value);
		}
		String process = matcher.group(5);
		String owner = matcher.group(6) + "@" + process.substring(0, Math.min(8, process.length()));
		long expires = "1".equals(matcher.group(4)) ? Long.parseLong(matcher.group(3)) : 0;
		return new LockState.Holder(owner, mode(matcher.group(7)), Long.parseLong(matcher.group(1)),
				Long.parseLong(matcher.group(2)), expires);
	}

	private static String mode(String json) {
		Matcher matcher = MODE.matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("Unreadable lock mode in Redis: " + json);
		}
		return unescape(matcher.group(1));
	}

	private static String unescape(String text) {
		if (text.indexOf('\\') < 0) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(++i);
				if (next == 'u' && i + 4 < text.length()) {
					out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
					i += 4;
				}
				else {
					out.append(next);
				}
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
