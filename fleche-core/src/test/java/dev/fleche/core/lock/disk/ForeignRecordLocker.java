package dev.fleche.core.lock.disk;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stray process that takes a POSIX record lock on a whole file and keeps it until killed:
 * {@code ForeignRecordLocker <file> <ready-marker> shared|exclusive}.
 */
public final class ForeignRecordLocker {

	private ForeignRecordLocker() {
	}

	public static void main(String[] args) throws Exception {
		boolean shared = "shared".equals(args[2]);
		try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
				FileLock lock = channel.lock(0, Long.MAX_VALUE, shared)) {
			Files.writeString(Path.of(args[1]), "locked " + lock.isShared());
			Thread.sleep(120_000);
		}
	}

}
