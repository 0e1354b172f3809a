package dev.fleche.autoconfigure.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.annotation.CachedCall;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.cache.CachedCalls;

class CodeVersionTests {

	@TempDir
	Path directory;

	public static class Sums {

		@CachedCall(version = CachedCall.CODE)
		public int plain(int a) {
			return a + 1;
		}

		public int same(int a) {
			return a + 1;
		}

		public int changed(int a) {
			return a + 2;
		}

		public int callsHelper(int a) {
			return helper(a);
		}

		public int callsOtherHelper(int a) {
			return helper(a) * 1;
		}

		private int helper(int a) {
			return a;
		}

	}

	public interface Abstract {

		int nothing();

	}

	private static String version(String method) throws NoSuchMethodException {
		return CodeVersion.of(Sums.class.getMethod(method, int.class), method);
	}

	@Test
	void sameInstructionsGiveTheSameVersionAndAnyChangeAnother() throws Exception {
		assertThat(version("plain")).matches("code:[0-9a-f]{16}").isEqualTo(version("plain")).isEqualTo(version("same"));
		assertThat(version("changed")).isNotEqualTo(version("plain"));
		assertThat(version("callsOtherHelper")).isNotEqualTo(version("callsHelper"));
	}

	@Test
	void aMethodWithoutCodeIsRefusedNamingIt() {
		assertThatThrownBy(() -> CodeVersion.of(Abstract.class.getMethod("nothing"), "Abstract#nothing()"))
			.isInstanceOf(InvalidCachedCallException.class)
			.hasMessageContaining("Abstract#nothing()")
			.hasMessageContaining("no code");
	}

	@Test
	void cachedCallWithCodeVersionStoresIt() throws Exception {
		String expected = version("plain");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory)
			.withBean(Sums.class)
			.run(context -> {
				assertThat(context.getBean(Sums.class).plain(1)).isEqualTo(2);
				assertThat(context.getBean(CachedCalls.class).list()).hasSize(1);
				assertThat(context.getBean(CachedCalls.class).load(context.getBean(CachedCalls.class).list().get(0).hex())
					.version()).isEqualTo(expected);
			});
	}

}
