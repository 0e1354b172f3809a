package dev.fleche.core.lock.redis;

/**
 * The Redis key names of one lock. They share the hash tag {@code {<escaped key>}}, so they live
 * in one slot of a Redis Cluster and one script may touch them all.
 */
final class LockKeys {

	final String[] keys;

	private LockKeys(String[] keys) {
		this.keys = keys;
	}

	static LockKeys of(String prefix, String key) {
		String base = prefix + "lock:{" + escape(key) + "}:";
		return new LockKeys(new String[] { base + "s", base + "h", base + "c", base + "q", base + "r", base + "g" });
	}

	/** The hash of a running average. */
	static String average(String prefix, String key) {
		return prefix + "avg:{" + escape(key) + "}";
	}

	/** The set of lock keys that granted with {@code tag}. */
	static String tagIndex(String prefix, String tag) {
		return prefix + "tag:{" + escape(tag) + "}";
	}

	/** The pub/sub channel of one backend instance. */
	static String channel(String prefix, String process) {
		return prefix + "proc:" + process;
	}

	/** Escapes braces (which would end the hash tag early) and the escape character. */
	static String escape(String key) {
		if (key.indexOf('{') < 0 && key.indexOf('}') < 0 && key.indexOf('%') < 0) {
			return key;
		}
		return key.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
	}

}
