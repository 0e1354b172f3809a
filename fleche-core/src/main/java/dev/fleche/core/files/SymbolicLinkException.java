package dev.fleche.core.files;

import java.nio.file.Path;

import dev.fleche.core.FlecheException;

/**
 * A symbolic link sits where Fleche expects its own file or directory (an entry, a shard
 * directory, a lock file, the database): it is refused, never followed, since it could point
 * Fleche's writes or reads at a file of someone else's choosing.
 */
public class SymbolicLinkException extends FlecheException {

	private static final long serialVersionUID = 1L;

	private final transient Path path;

	public SymbolicLinkException(Path path, String what) {
		super("Refusing " + what + " " + path + ": it is a symbolic link, where Fleche expects its own "
				+ (what.contains("directory") ? "directory" : "file"));
		this.path = path;
	}

	/** The link. */
	public Path path() {
		return this.path;
	}

}
