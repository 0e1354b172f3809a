package dev.fleche.core.lock.disk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import dev.fleche.core.lock.LockHandle;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

/**
 * A process racing others on a few hot keys while churning through fresh keys, so that idle lock
 * files, the hot ones included, are reclaimed and created again all the time:
 * {@code ReclaimRaceWorker <locks> <work> <iterations> <hot-keys> <id>}. Each hot key guards a
 * counter file updated without atomicity; a lost update shows a broken mutex.
 */
public final class ReclaimRaceWorker {

	private ReclaimRaceWorker() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[1]);
		int iterations = Integer.parseInt(args[2]);
		int hotKeys = Integer.parseInt(args[3]);
		String id = args[4];
		try (LockService locks = LockServices.create(DiskLockBackend.open(Path.of(args[0])))) {
			while (!Files.exists(work.resolve("go"))) {
				Thread.sleep(5);
			}
			Set<String> inodes = new HashSet<>();
			for (int i = 0; i < iterations; i++) {
				String key = "hot-" + (i % hotKeys);
				try (LockHandle handle = locks.lock(key).acquire(Duration.ofSeconds(60))) {
					Path counter = work.resolve(key);
					int value = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 0;
					Thread.onSpinWait();
					Files.writeString(counter, Integer.toString(value + 1));
					Path file = Path.of(args[0]).resolve(LockDirectory.fileName(key));
					inodes.add(key + " " + Files.readAttributes(file, BasicFileAttributes.class).fileKey());
				}
				for (int j = 0; j < 8; j++) {
					locks.lock("cold-" + id + "-" + i + "-" + j).acquire(Duration.ofSeconds(60)).close();
				}
			}
			Files.write(work.resolve("inodes-" + id), inodes);
		}
		System.exit(0);
	}

}
