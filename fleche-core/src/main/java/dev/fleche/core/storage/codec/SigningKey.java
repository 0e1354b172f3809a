package dev.fleche.core.storage.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.fleche.core.text.SafeText;

/**
 * A secret for HMAC-SHA256 signatures of stored entries, with the id stored next to each signature.
 */
public final class SigningKey {

	/** The shortest secret accepted, in bytes. */
	public static final int MIN_SECRET_BYTES = 16;

	private final String id;

	private final byte[] secret;

	private SigningKey(String id, byte[] secret) {
		if (id == null || id.isEmpty() || id.length() > 255 || !id.chars().allMatch(c -> c > 32 && c < 127)) {
			throw new IllegalArgumentException("A signing key id is 1 to 255 printable ASCII characters, got "
					+ (id == null ? "null" : SafeText.quote(id)));
		}
		if (secret.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException("The secret of signing key " + SafeText.quote(id) + " is too short; at least "
					+ MIN_SECRET_BYTES + " bytes are required");
		}
		this.id = id;
		this.secret = secret.clone();
	}

	/** A key with a secret given as bytes. */
	public static SigningKey of(String id, byte[] secret) {
		return new SigningKey(id, secret);
	}

	/** A key with a secret given as text (its UTF-8 bytes). */
	public static SigningKey of(String id, String secret) {
		return new SigningKey(id, secret.getBytes(StandardCharsets.UTF_8));
	}

	/** The id stored with each signature. */
	public String id() {
		return this.id;
	}

	byte[] secret() {
		return this.secret;
	}

	/** A fresh HMAC-SHA256 initialized with this key's secret. */
	Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	@Override
	public boolean equals(Object obj) {
		return obj instanceof SigningKey other && this.id.equals(other.id) && Arrays.equals(this.secret, other.secret);
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "SigningKey[" + this.id + "]";
	}

}
