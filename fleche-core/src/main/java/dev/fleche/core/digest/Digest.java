package dev.fleche.core.digest;

import java.util.HexFormat;

/**
 * A SHA-256 content digest: 32 bytes, written as 64 lowercase hexadecimal characters.
 * Immutable; ordered by its hexadecimal form.
 */
public final class Digest implements Comparable<Digest> {

	/** Number of hexadecimal characters in a full digest. */
	public static final int HEX_LENGTH = 64;

	/** Number of bytes in a digest. */
	public static final int BYTE_LENGTH = 32;

	private static final HexFormat HEX = HexFormat.of();

	private final String hex;

	private Digest(String hex) {
		this.hex = hex;
	}

	/**
	 * Parses a full digest.
	 * @param hex 64 lowercase hexadecimal characters
	 * @return the digest
	 * @throws InvalidDigestException if {@code hex} is not 64 lowercase hexadecimal characters
	 */
	public static Digest of(String hex) {
		if (!isFullDigest(hex)) {
			throw new InvalidDigestException(hex, "a digest is " + HEX_LENGTH + " lowercase hexadecimal characters");
		}
		return new Digest(hex);
	}

	/**
	 * Wraps 32 raw digest bytes.
	 * @param bytes the SHA-256 output
	 * @return the digest
	 * @throws InvalidDigestException if {@code bytes} is not 32 bytes long
	 */
	public static Digest ofBytes(byte[] bytes) {
		if (bytes.length != BYTE_LENGTH) {
			throw new InvalidDigestException(bytes.length + " bytes", "a digest is " + BYTE_LENGTH + " bytes");
		}
		return new Digest(HEX.formatHex(bytes));
	}

	/**
	 * Whether {@code text} is a full digest: 64 lowercase hexadecimal characters.
	 */
	public static boolean isFullDigest(String text) {
		return text != null && text.length() == HEX_LENGTH && isLowerHex(text);
	}

	/**
	 * Whether {@code text} consists of lowercase hexadecimal characters only.
	 */
	public static boolean isLowerHex(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	/** The 64 lowercase hexadecimal characters. */
	public String hex() {
		return this.hex;
	}

	/** A copy of the 32 raw bytes. */
	public byte[] bytes() {
		return HEX.parseHex(this.hex);
	}

	/** The first {@code length} hexadecimal characters. */
	public String prefix(int length) {
		return this.hex.substring(0, length);
	}

	/** Whether this digest's hexadecimal form starts with {@code prefix}. */
	public boolean startsWith(String prefix) {
		return this.hex.startsWith(prefix);
	}

	@Override
	public int compareTo(Digest other) {
		return this.hex.compareTo(other.hex);
	}

	@Override
	public boolean equals(Object obj) {
		return this == obj || (obj instanceof Digest other && this.hex.equals(other.hex));
	}

	@Override
	public int hashCode() {
		return this.hex.hashCode();
	}

	@Override
	public String toString() {
		return this.hex;
	}


}
