package dev.fleche.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

	@Test
	void controlCharactersAreEscapedSoNoLineCanBeForged() {
		String forged = "key\n2026-01-01 ERROR forged line\r\u001b[31m\u2028";
		String quoted = SafeText.quote(forged);
		assertThat(quoted).doesNotContain("\n", "\r", "\u001b", "\u2028")
			.isEqualTo("'key\\n2026-01-01 ERROR forged line\\r\\u001b[31m\\u2028'");
	}

	@Test
	void longInputIsTruncatedWithItsLength() {
		String quoted = SafeText.quote("x".repeat(10_000));
		assertThat(quoted).hasSizeLessThan(SafeText.MAX_CHARS + 30).endsWith("...(10000 chars)'");
		assertThat(SafeText.quote("short")).isEqualTo("'short'");
		assertThat(SafeText.quote(null)).isEqualTo("null");
		assertThat(SafeText.quote("it's")).isEqualTo("'it\\'s'");
	}

	@Test
	void messagesQuotingUserInputCannotForgeLogLines() {
		String forged = "ab\n2026-01-01 ERROR forged";
		Throwable prefix = org.assertj.core.api.Assertions.catchThrowable(
				() -> dev.fleche.core.storage.memory.MemoryStorage.values().load(forged, String.class));
		assertThat(prefix).isNotNull();
		assertThat(prefix.getMessage()).doesNotContain("\n").contains("ab\\n2026");
		Throwable timeout = new dev.fleche.core.lock.LockTimeoutException("key\r\nforged" + "x".repeat(500),
				java.time.Duration.ofMillis(5));
		assertThat(timeout.getMessage()).doesNotContain("\n", "\r").hasSizeLessThan(200);
		Throwable digest = org.assertj.core.api.Assertions.catchThrowable(() -> dev.fleche.core.digest.Digest.of("zz\u001b[2J"));
		assertThat(digest.getMessage()).doesNotContain("\u001b");
	}

}
