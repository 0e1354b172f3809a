package dev.fleche.core.storage;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.digest.Digest;

/**
 * What the value storage contract tests share: a fresh storage per test and crafted keys. The contract is a chain of abstract classes ending in
 * {@link AbstractValueStorageContractTest}, which a backend's test extends.
 */
public abstract class ValueStorageContractBase {

	/** A fresh directory per test. */
	@TempDir
	protected Path directory;

	/** The storage under test. */
	protected ValueStorage storage;

	/** A new, empty storage that keeps its data under {@code directory}. */
	protected abstract ValueStorage createValueStorage(Path directory);

	@BeforeEach
	void createStorage() {
		this.storage = createValueStorage(this.directory);
	}

	/** A full digest made of {@code hex} repeated or padded, for crafted keys. */
	protected static Digest key(String hex) {
		return Digest.of(hex);
	}

}
