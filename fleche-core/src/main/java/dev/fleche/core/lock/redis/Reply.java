package dev.fleche.core.lock.redis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.fleche.core.lock.HeldModes;

/**
 * A lock script's reply: granted ({@code 1, token, lease end ms, granted at ms}), waiting
 * ({@code 0, ms until the first holder's lease ends}), a user-defined mode to decide
 * ({@code 2, version, mode, count, ...}) or gone ({@code -1}).
 */
final class Reply {

	static final int GONE = -1;

	static final int WAITING = 0;

	static final int GRANTED = 1;

	static final int DECIDE = 2;

	private final List<Object> values;

	final int kind;

	Reply(List<Object> values) {
		this.values = values;
		this.kind = Integer.parseInt(string(0));
	}

	long token() {
		return Long.parseLong(string(1));
	}

	long expiresAtMillis() {
		return Long.parseLong(string(2));
	}

	long grantedAtMillis() {
		return Long.parseLong(string(3));
	}

	/** For a waiting reply: milliseconds until the first holder's lease ends, if given. */
	long recheckMillis(long fallback) {
		return (this.values.size() > 1) ? Long.parseLong(string(1)) : fallback;
	}

	/** For a decide reply: the version the decision is made on. */
	String version() {
		return string(1);
	}

	/** For a decide reply: the modes held. */
	HeldModes held() {
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 2; i + 1 < this.values.size(); i += 2) {
			counts.put(string(i), Integer.parseInt(string(i + 1)));
		}
		return HeldModes.of(counts);
	}

	private String string(int index) {
		Object value = this.values.get(index);
		return (value instanceof byte[] bytes) ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
				: String.valueOf(value);
	}

}
