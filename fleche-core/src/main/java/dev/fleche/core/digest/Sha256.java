package dev.fleche.core.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;

/**
 * A SHA-256 message being written: tags, numbers, strings and child digests.
 */
final class Sha256 {

	/** Idle digesters of this thread: creating one costs more than hashing a small value. */
	private static final ThreadLocal<ArrayDeque<MessageDigest>> IDLE = ThreadLocal.withInitial(ArrayDeque::new);

	private static final int MAX_IDLE = 16;

	private final MessageDigest md;

	private final byte[] buffer = new byte[8];

	Sha256(char tag) {
		MessageDigest idle = IDLE.get().pollFirst();
		this.md = (idle != null) ? idle : newDigest();
		this.md.update((byte) tag);
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	Sha256 tag(char tag) {
		this.md.update((byte) tag);
		return this;
	}

	Sha256 int32(int value) {
		this.buffer[0] = (byte) (value >>> 24);
		this.buffer[1] = (byte) (value >>> 16);
		this.buffer[2] = (byte) (value >>> 8);
		this.buffer[3] = (byte) value;
		this.md.update(this.buffer, 0, 4);
		return this;
	}

	Sha256 int64(long value) {
		for (int i = 0; i < 8; i++) {
			this.buffer[i] = (byte) (value >>> (56 - 8 * i));
		}
		this.md.update(this.buffer, 0, 8);
		return this;
	}

	/** Length-prefixed bytes. */
	Sha256 bytes(byte[] bytes) {
		int32(bytes.length);
		this.md.update(bytes);
		return this;
	}

	/** Length-prefixed UTF-8. */
	Sha256 text(String text) {
		return bytes(text.getBytes(StandardCharsets.UTF_8));
	}

	Sha256 digest(Digest child) {
		this.md.update(child.bytes());
		return this;
	}

	/** The digest; the digester (reset by it) goes back to this thread's idle ones. */
	Digest finish() {
		Digest digest = Digest.ofBytes(this.md.digest());
		ArrayDeque<MessageDigest> idle = IDLE.get();
		if (idle.size() < MAX_IDLE) {
			idle.addFirst(this.md);
		}
		return digest;
	}

}
