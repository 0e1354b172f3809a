package dev.fleche.core.storage.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;

/**
 * Wraps a serialized payload into the stored envelope and back.
 * <p>
 * Layout: magic {@code 'F'}, format version (1), flags (bit 0 gzip, bit 1 signed), serializer id
 * (length-prefixed), then, if signed, the key id (length-prefixed) and a 32-byte HMAC-SHA256 over
 * the format version, the key id, the entry's digest and the stored payload; then the payload. On
 * read the signature is checked <em>before</em> anything is decompressed or deserialized. New
 * entries are signed with the first key; any key of the ring verifies, so keys can rotate. Gzip is
 * detected on read, whatever this codec writes. Immutable and thread-safe.
 */
public final class EntryCodec {

	/** The current format version. */
	public static final int FORMAT_VERSION = 1;

	private static final byte MAGIC = 'F';

	private static final int GZIP = 1;

	private static final int SIGNED = 2;

	private static final int MAC_BYTES = 32;

	private static final EntryCodec PLAIN = new EntryCodec(false, List.of());

	private final boolean compress;

	private final Map<String, SigningKey> keys;

	private final SigningKey signWith;

	private EntryCodec(boolean compress, List<SigningKey> keys) {
		this.compress = compress;
		this.keys = new LinkedHashMap<>();
		for (SigningKey key : keys) {
			if (this.keys.putIfAbsent(key.id(), key) != null) {
				throw new IllegalArgumentException("Signing key id '" + key.id() + "' is given twice");
			}
		}
		this.signWith = keys.isEmpty() ? null : keys.get(0);
	}

	/** No compression, no signature. */
	public static EntryCodec plain() {
		return PLAIN;
	}

	/**
	 * A codec.
	 * @param compress whether new entries are gzip-compressed
	 * @param keys the key ring: the first signs new entries, any verifies; empty for no signatures
	 */
	public static EntryCodec of(boolean compress, List<SigningKey> keys) {
		return new EntryCodec(compress, List.copyOf(keys));
	}

	/** Whether entries are signed. */
	public boolean isSigned() {
		return this.signWith != null;
	}

	/** The envelope of {@code payload}, stored under {@code key}. */
	public byte[] encode(Digest key, String serializerId, byte[] payload) {
		byte[] body = this.compress ? gzip(payload) : payload;
		int flags = (this.compress ? GZIP : 0) | (this.signWith != null ? SIGNED : 0);
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
		out.write(MAGIC);
		out.write(FORMAT_VERSION);
		out.write(flags);
		writeText(out, serializerId);
		if (this.signWith != null) {
			writeText(out, this.signWith.id());
			out.writeBytes(mac(this.signWith, key, body));
		}
		out.writeBytes(body);
		return out.toByteArray();
	}

	/**
	 * The payload inside {@code bytes} stored under {@code key}.
	 * @param where the key or file, for error messages
	 * @throws CorruptEntryException if the envelope is truncated or garbage, the signature is
	 * missing, unknown or wrong, or the payload does not decompress
	 */
	public Decoded decode(Digest key, byte[] bytes, String where) {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		try {
			if (in.remaining() < 4 || in.get() != MAGIC) {
				throw new CorruptEntryException(where, "not a Fleche entry (bad header)");
			}
			int version = in.get() & 0xff;
			if (version != FORMAT_VERSION) {
				throw new CorruptEntryException(where, "unknown format version " + version);
			}
			int flags = in.get() & 0xff;
			String serializerId = readText(in);
			boolean signed = (flags & SIGNED) != 0;
			byte[] mac = null;
			SigningKey verifier = null;
			if (signed) {
				String keyId = readText(in);
				verifier = this.keys.get(keyId);
				if (verifier == null) {
					throw new CorruptEntryException(where, "signed with unknown key '" + keyId + "'");
				}
				mac = new byte[MAC_BYTES];
				in.get(mac);
			}
			else if (this.signWith != null) {
				throw new CorruptEntryException(where, "entry is not signed, but signatures are required");
			}
			byte[] body = new byte[in.remaining()];
			in.get(body);
			if (signed && !MessageDigest.isEqual(mac, mac(verifier, key, body))) {
				throw new CorruptEntryException(where, "signature does not match (tampered or truncated)");
			}
			byte[] payload = (flags & GZIP) != 0 ? gunzip(body, where) : body;
			return new Decoded(serializerId, payload);
		}
		catch (java.nio.BufferUnderflowException ex) {
			throw new CorruptEntryException(where, "truncated entry", ex);
		}
	}

	/**
	 * A decoded entry.
	 *
	 * @param serializerId the id of the serializer that wrote the payload
	 * @param payload the serialized value
	 */
	public record Decoded(String serializerId, byte[] payload) {
	}

	private static byte[] mac(SigningKey signingKey, Digest key, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(signingKey.secret(), "HmacSHA256"));
			mac.update((byte) FORMAT_VERSION);
			byte[] id = signingKey.id().getBytes(StandardCharsets.UTF_8);
			mac.update((byte) id.length);
			mac.update(id);
			mac.update(key.bytes());
			mac.update(body);
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static void writeText(ByteArrayOutputStream out, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > 255) {
			throw new IllegalArgumentException("'" + text + "' is longer than 255 bytes");
		}
		out.write(bytes.length);
		out.writeBytes(bytes);
	}

	private static String readText(ByteBuffer in) {
		int length = in.get() & 0xff;
		byte[] bytes = new byte[length];
		in.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static byte[] gzip(byte[] payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 2 + 32);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(payload);
		}
		catch (IOException ex) {
			throw new IllegalStateException("gzip into memory failed", ex);
		}
		return out.toByteArray();
	}

	private static byte[] gunzip(byte[] body, String where) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new CorruptEntryException(where, "compressed payload is damaged", ex);
		}
	}

}
