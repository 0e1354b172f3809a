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

}
