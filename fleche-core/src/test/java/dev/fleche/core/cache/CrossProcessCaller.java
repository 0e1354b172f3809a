package dev.fleche.core.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.disk.DiskLockBackend;
import dev.fleche.core.lock.support.LockServices;
import dev.fleche.core.storage.file.FileStorage;

/**
 * The other process of {@link CallCacheCrossProcessTest}: opens the shared lock and storage
 * directories, says it is ready, waits for the go file, makes one cached call (whose function
 * appends a line to the runs file) and prints the result.
 */
final class CrossProcessCaller {

	private static final long GATE_MILLIS = 30_000;

	private CrossProcessCaller() {
	}

	/** Arguments: shared directory, this caller's name. */
	public static void main(String[] args) throws Throwable {
		Path shared = Path.of(args[0]);
		String name = args[1];
		try (LockService locks = LockServices.create(DiskLockBackend.open(shared.resolve("locks")))) {
			CallCache cache = CallCache
				.builder(FileStorage.values(shared.resolve("values")), FileStorage.calls(shared.resolve("calls")))
				.lockService(locks)
				.build();
			Files.createFile(shared.resolve("ready-" + name));
			awaitFile(shared.resolve("go"));
			CallSpec spec = new CallSpec("test#crossProcess", "1", Map.of("a", 42), String.class);
			Object result = cache.call(spec, () -> {
				Files.writeString(shared.resolve("runs"), name + "\n", StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
				Thread.sleep(500);
				return "computed by " + name;
			});
			System.out.println(result);
		}
	}

	private static void awaitFile(Path file) throws InterruptedException {
		long deadline = System.currentTimeMillis() + GATE_MILLIS;
		while (!Files.exists(file)) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException("No " + file + " within " + GATE_MILLIS + " ms");
			}
			Thread.sleep(5);
		}
	}

}
