package dev.fleche.core.storage.sqlite;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.storage.StorageException;

/**
 * The SQLite library must be at least {@value #MINIMUM} (the release with the WAL corruption fix
 * the store relies on). Applications on Spring Boot get the {@code sqlite-jdbc} version Spring
 * Boot's dependency management pins, which may be older; the refusal says how to override it.
 */
final class SqliteVersion {

	/** The oldest SQLite library the store accepts. */
	static final String MINIMUM = "3.51.3";

	private SqliteVersion() {
	}

	/**
	 * @param version what {@code sqlite_version()} answers, such as {@code 3.53.0}
	 * @param driverVersion the sqlite-jdbc version, if known, for the message
	 * @throws StorageException if {@code version} is older than {@link #MINIMUM}
	 */
	static void check(String version, @Nullable String driverVersion) {
		if (compare(version, MINIMUM) >= 0) {
			return;
		}
		String driver = (driverVersion != null) ? " (org.xerial:sqlite-jdbc " + driverVersion + ")" : "";
		throw new StorageException("The SQLite library on the classpath is " + version + driver + ", older than "
				+ MINIMUM + ", the minimum Fleche's SQLite store needs (it has the fix for a WAL corruption bug). "
				+ "Spring Boot's dependency management pins its own sqlite-jdbc version: override it with the "
				+ "property sqlite-jdbc.version set to " + MINIMUM + ".0 or newer (Maven: <properties><sqlite-jdbc.version>"
				+ "3.54.1.0</sqlite-jdbc.version></properties>; Gradle: ext['sqlite-jdbc.version'] = '3.54.1.0'), or "
				+ "declare org.xerial:sqlite-jdbc " + MINIMUM + ".0 or newer in your own dependencyManagement, "
				+ "or choose another store with fleche.storage.type");
	}

	/** Compares dotted versions numerically, part by part; a missing part counts as 0. */
	static int compare(String left, String right) {
		int[] a = parts(left);
		int[] b = parts(right);
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			int x = (i < a.length) ? a[i] : 0;
			int y = (i < b.length) ? b[i] : 0;
			if (x != y) {
				return Integer.compare(x, y);
			}
		}
		return 0;
	}

	private static int[] parts(String version) {
		return Arrays.stream(version.trim().split("\\.")).mapToInt(SqliteVersion::number).toArray();
	}

	private static int number(String part) {
		int end = 0;
		while (end < part.length() && Character.isDigit(part.charAt(end))) {
			end++;
		}
		return (end == 0) ? 0 : Integer.parseInt(part.substring(0, end));
	}

}
