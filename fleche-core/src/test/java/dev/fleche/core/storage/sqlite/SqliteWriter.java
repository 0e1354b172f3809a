package dev.fleche.core.storage.sqlite;

import java.nio.file.Path;
import java.util.Map;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;

/**
 * A second JVM for {@link SqliteTwoProcessesTest}: saves values and calls into one store.
 */
public final class SqliteWriter {

	private SqliteWriter() {
	}

	public static void main(String[] args) {
		Path file = Path.of(args[0]);
		String prefix = args[1];
		int count = Integer.parseInt(args[2]);
		try (SqliteStore store = SqliteStore.open(file)) {
			for (int i = 0; i < count; i++) {
				Digest value = store.values().save(prefix + "-" + i);
				store.calls().save(new Call("writer", "1", Map.of("i", value), value, Map.of()));
			}
		}
	}

}
