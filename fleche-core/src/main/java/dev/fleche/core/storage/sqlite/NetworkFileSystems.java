package dev.fleche.core.storage.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.fleche.core.storage.StorageException;

/**
 * Refuses directories on network filesystems, where SQLite's WAL mode and locks are not safe.
 */
final class NetworkFileSystems {

	private static final Set<String> NETWORK = Set.of("nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "fuse.sshfs",
			"9p", "afs", "ceph", "glusterfs", "fuse.glusterfs", "lustre", "gpfs", "davfs", "fuse.s3fs", "fuse.rclone");

	private static final Path MOUNTS = Path.of("/proc/mounts");

	private NetworkFileSystems() {
	}

	/**
	 * @throws StorageException if {@code directory} is on a network filesystem
	 */
	static void refuse(Path directory) {
		String type = typeOf(directory.toAbsolutePath().normalize(), MOUNTS);
		if (type != null && NETWORK.contains(type)) {
			throw new StorageException("SQLite store directory " + directory + " is on a network filesystem (" + type
					+ "); SQLite's WAL mode is only safe on a local disk: choose a local directory");
		}
	}

	/** The filesystem type of the longest mount point that contains {@code path}, or null. */
	static String typeOf(Path path, Path mounts) {
		if (!Files.isReadable(mounts)) {
			return null;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(mounts);
		}
		catch (IOException ex) {
			return null;
		}
		String best = null;
		int bestLength = -1;
		for (String line : lines) {
			String[] fields = line.split(" ");
			if (fields.length < 3) {
				continue;
			}
			String mountPoint = fields[1].replace("\\040", " ");
			if (path.startsWith(mountPoint) && mountPoint.length() > bestLength) {
				best = fields[2];
				bestLength = mountPoint.length();
			}
		}
		return best;
	}

}
