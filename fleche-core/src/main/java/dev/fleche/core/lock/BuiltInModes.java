package dev.fleche.core.lock;

/**
 * The built-in modes.
 */
final class BuiltInModes {

	static final LockMode MUTEX = new CustomMode("mutex", held -> held.total() == 0);

	static final LockMode READ = new CustomMode("read", held -> held.total() == held.count("read"));

	static final LockMode WRITE = new CustomMode("write", held -> held.total() == 0);

	private static final String SEMAPHORE_PREFIX = "semaphore:";

	private BuiltInModes() {
	}

	static LockMode semaphore(int permits) {
		if (permits < 1) {
			throw new IllegalArgumentException("A semaphore needs at least 1 permit, got " + permits);
		}
		String name = SEMAPHORE_PREFIX + permits;
		return new CustomMode(name, held -> held.total() == held.count(name) && held.count(name) < permits);
	}

	/**
	 * Resolves a built-in mode by name, or {@code null} if the name is not built in.
	 */
	static LockMode byName(String name) {
		return switch (name) {
			case "mutex" -> MUTEX;
			case "read" -> READ;
			case "write" -> WRITE;
			default -> name.startsWith(SEMAPHORE_PREFIX) ? semaphoreByName(name) : null;
		};
	}

	private static LockMode semaphoreByName(String name) {
		try {
			return semaphore(Integer.parseInt(name.substring(SEMAPHORE_PREFIX.length())));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
