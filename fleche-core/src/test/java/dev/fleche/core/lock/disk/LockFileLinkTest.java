package dev.fleche.core.lock.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.files.SymbolicLinkException;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.support.LockServices;

/**
 * A symbolic link planted where a key's lock file goes is refused, naming it, and the file it
 * points to is never written.
 */
class LockFileLinkTest {

	@TempDir
	Path temp;

	@Test
	void symlinkedLockFileIsRefusedNamingItAndItsTargetIsUntouched() throws Exception {
		Path locks = Files.createDirectory(this.temp.resolve("locks"));
		Path victim = Files.writeString(this.temp.resolve("victim.txt"), "precious");
		Path link = Files.createSymbolicLink(locks.resolve(LockDirectory.fileName("victim-key")), victim);
		try (LockService service = LockServices.create(DiskLockBackend.open(locks))) {
			assertThatThrownBy(() -> service.lock("victim-key").tryAcquire()).isInstanceOf(SymbolicLinkException.class)
				.hasMessageContaining(link.toString())
				.hasMessageContaining("lock file");
			assertThat(service.lock("other-key").tryAcquire()).isPresent().get().satisfies(h -> h.close());
		}
		assertThat(Files.readString(victim)).isEqualTo("precious");
		assertThat(Files.isSymbolicLink(link)).isTrue();
	}

}
