package dev.fleche.core.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and directories that only their owner may read: directories are created {@code 0700} and
 * files {@code 0600} where the filesystem has POSIX permissions, whatever the umask. A directory
 * that exists already is left as it is, but a WARN says, once per directory and JVM, when others
 * can read it. Files are opened without following symbolic links, and a link where Fleche expects
 * its own file or directory is refused with {@link SymbolicLinkException}.
 */
public final class PrivateFiles {

	private static final Logger logger = LoggerFactory.getLogger(PrivateFiles.class);

	private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

	private PrivateFiles() {
	}

	/**
	 * Creates {@code directory} and its missing parents, each {@code 0700}; one that exists is kept
	 * (a WARN if others can read it). The directory itself may be a link (the user's choice).
	 * @throws IOException if it cannot be created
	 */
	public static Path createRoot(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			List<Path> missing = new ArrayList<>();
			for (Path each = directory.toAbsolutePath(); each != null && !Files.exists(each); each = each.getParent()) {
				missing.add(0, each);
			}
			for (Path each : missing) {
				makeDirectory(each);
			}
		}
		warnIfShared(directory);
		return directory;
	}

	/**
	 * Creates {@code directory} inside a root Fleche owns, {@code 0700}, or checks the one that
	 * exists is a real directory.
	 * @throws SymbolicLinkException if it is a symbolic link
	 * @throws IOException if it cannot be created
	 */
	public static void createOwnDirectory(Path directory, String what) throws IOException {
		if (Files.isSymbolicLink(directory)) {
			throw new SymbolicLinkException(directory, what);
		}
		if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
			makeDirectory(directory);
		}
	}

	/** Refuses {@code path} if it is a symbolic link. */
	public static void refuseLink(Path path, String what) {
		if (Files.isSymbolicLink(path)) {
			throw new SymbolicLinkException(path, what);
		}
	}

	/**
	 * Opens a file without following a link, creating it {@code 0600} if {@code options} say so.
	 * @throws SymbolicLinkException if the file is a symbolic link
	 */
	public static SeekableByteChannel open(Path file, String what, Set<? extends OpenOption> options)
			throws IOException {
		Set<OpenOption> all = new java.util.HashSet<>(options);
		all.add(LinkOption.NOFOLLOW_LINKS);
		try {
			return Files.newByteChannel(file, all, fileAttributes(file));
		}
		catch (IOException ex) {
			if (!(ex instanceof NoSuchFileException) && !(ex instanceof FileAlreadyExistsException)
					&& Files.isSymbolicLink(file)) {
				throw new SymbolicLinkException(file, what);
			}
			throw ex;
		}
	}

	/** The attributes that create a file {@code 0600}, or none where POSIX permissions are missing. */
	public static FileAttribute<?>[] fileAttributes(Path file) {
		return isPosix(file) ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE) }
				: new FileAttribute<?>[0];
	}

	/** Creates {@code file} empty and {@code 0600} if it does not exist; refuses a link. */
	public static void createFile(Path file, String what) throws IOException {
		refuseLink(file, what);
		try {
			Files.createFile(file, fileAttributes(file));
			if (isPosix(file)) {
				Files.setPosixFilePermissions(file, FILE);
			}
		}
		catch (FileAlreadyExistsException ex) {
			refuseLink(file, what);
		}
	}

	private static void makeDirectory(Path directory) throws IOException {
		try {
			if (isPosix(directory)) {
				Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
				// the umask may have taken bits away, never added any: set exactly 0700
				Files.setPosixFilePermissions(directory, DIRECTORY);
			}
			else {
				Files.createDirectory(directory);
			}
		}
		catch (FileAlreadyExistsException ex) {
			if (!Files.isDirectory(directory)) {
				throw ex;
			}
		}
	}

	private static void warnIfShared(Path directory) {
		if (!isPosix(directory)) {
			return;
		}
		try {
			Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
			boolean shared = permissions.contains(PosixFilePermission.GROUP_READ)
					|| permissions.contains(PosixFilePermission.OTHERS_READ)
					|| permissions.contains(PosixFilePermission.GROUP_EXECUTE)
					|| permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
			if (shared && WARNED.add(directory.toAbsolutePath().normalize())) {
				logger.warn("Directory {} can be read by other users ({}); Fleche keeps it as it is. Make it private "
						+ "with: chmod 700 {}", directory, PosixFilePermissions.toString(permissions), directory);
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.debug("Cannot read the permissions of {}", directory, ex);
		}
	}

	private static boolean isPosix(Path path) {
		return path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
