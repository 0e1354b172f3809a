package dev.fleche.core.storage.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.crypto.Mac;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.text.SafeText;

/**
 * Wraps a serialized payload into the stored envelope and back.
 * <p>
 * Layout: magic {@code 'F'}, format version (2), flags (bit 0 gzip, bit 1 signed), serializer id
 * (length-prefixed), then, if signed, the key id (length-prefixed) and a 32-byte HMAC-SHA256 over
 * the whole header before it (magic, format version, flags, serializer id, key id), the entry's
 * digest and the stored payload; then the payload. On read the signature is checked <em>before</em>
 * anything is decompressed or deserialized. New entries are signed with the first key; any key of
 * the ring verifies, so keys can rotate. Gzip is detected on read, whatever this codec writes.
 * Decoding is bounded: an entry, or a payload once decompressed, larger than the maximum entry size
 * is corrupt (a gzip bomb never fills the heap). Unsigned entries of format version 1 are still
 * read; signed ones are not (their signature did not cover the header). Immutable and thread-safe.
 */
public final class EntryCodec {

	/** The current format version. */
	public static final int FORMAT_VERSION = 2;

	/** The default maximum size of an entry, stored or decompressed: 64 MiB. */
	public static final long DEFAULT_MAX_ENTRY_BYTES = 64L * 1024 * 1024;

	private static final int LEGACY_VERSION = 1;

	private static final byte MAGIC = 'F';

	private static final int GZIP = 1;

	private static final int SIGNED = 2;

	private static final int MAC_BYTES = 32;

	private static final EntryCodec PLAIN = new EntryCodec(false, List.of(), DEFAULT_MAX_ENTRY_BYTES);

	private final boolean compress;

	private final List<SigningKey> ring;

	private final Map<String, SigningKey> keys;

	private final SigningKey signWith;

	private final long maxEntryBytes;

	private EntryCodec(boolean compress, List<SigningKey> keys, long maxEntryBytes) {
		if (maxEntryBytes < 1 || maxEntryBytes > Integer.MAX_VALUE - 64) {
			throw new IllegalArgumentException("The maximum entry size must be 1 byte to 2 GiB, got " + maxEntryBytes);
		}
		this.compress = compress;
		this.ring = keys;
		this.keys = new LinkedHashMap<>();
		for (SigningKey key : keys) {
			if (this.keys.putIfAbsent(key.id(), key) != null) {
				throw new IllegalArgumentException("Signing key id '" + key.id() + "' is given twice");
			}
		}
		this.signWith = keys.isEmpty() ? null : keys.get(0);
		this.maxEntryBytes = maxEntryBytes;
	}

	/** No compression, no signature, the default maximum entry size. */
	public static EntryCodec plain() {
		return PLAIN;
	}

	/**
	 * A codec with the default maximum entry size.
	 * @param compress whether new entries are gzip-compressed
	 * @param keys the key ring: the first signs new entries, any verifies; empty for no signatures
	 */
	public static EntryCodec of(boolean compress, List<SigningKey> keys) {
		return of(compress, keys, DEFAULT_MAX_ENTRY_BYTES);
	}

	/**
	 * A codec.
	 * @param compress whether new entries are gzip-compressed
	 * @param keys the key ring: the first signs new entries, any verifies; empty for no signatures
	 * @param maxEntryBytes the largest entry, stored or decompressed, that is read or written
	 * @throws IllegalArgumentException if a key id is given twice or the size is not 1 byte to 2 GiB
	 */
	public static EntryCodec of(boolean compress, List<SigningKey> keys, long maxEntryBytes) {
		return new EntryCodec(compress, List.copyOf(keys), maxEntryBytes);
	}

	/** Whether entries are signed. */
	public boolean isSigned() {
		return this.signWith != null;
	}

	/** The largest entry, stored or decompressed, this codec reads or writes. */
	public long maxEntryBytes() {
		return this.maxEntryBytes;
	}

	/** The signer of call records with the same key ring, for stores that keep records as rows. */
	public CallRecordSigner callSigner() {
		return CallRecordSigner.of(this.ring);
	}

	/**
	 * The envelope of {@code payload}, stored under {@code key}.
	 * @throws EntryTooLargeException if the payload is larger than the maximum entry size
	 */
	public byte[] encode(Digest key, String serializerId, byte[] payload) {
		if (payload.length > this.maxEntryBytes) {
			throw new EntryTooLargeException(key, payload.length, this.maxEntryBytes);
		}
		byte[] body = this.compress ? gzip(payload) : payload;
		int flags = (this.compress ? GZIP : 0) | (this.signWith != null ? SIGNED : 0);
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
		out.write(MAGIC);
		out.write(FORMAT_VERSION);
		out.write(flags);
		writeText(out, serializerId);
		if (this.signWith != null) {
			writeText(out, this.signWith.id());
			out.writeBytes(mac(this.signWith, out.toByteArray(), key, ByteBuffer.wrap(body)));
		}
		out.writeBytes(body);
		return out.toByteArray();
	}

	/**
	 * The payload inside {@code bytes} stored under {@code key}.
	 * @param where the key or file, for error messages
	 * @throws CorruptEntryException if the envelope is truncated or garbage, the signature is
	 * missing, unknown or wrong, the payload does not decompress, or the entry is larger than the
	 * maximum entry size, stored or decompressed
	 */
	public Decoded decode(Digest key, byte[] bytes, String where) {
		if (bytes.length > this.maxEntryBytes + 600) {
			throw new CorruptEntryException(where, "entry of " + bytes.length + " bytes exceeds the maximum entry size of "
					+ this.maxEntryBytes + " bytes");
		}
		ByteBuffer in = ByteBuffer.wrap(bytes);
		try {
			if (in.remaining() < 4 || in.get() != MAGIC) {
				throw new CorruptEntryException(where, "not a Fleche entry (bad header)");
			}
			int version = in.get() & 0xff;
			if (version != FORMAT_VERSION && version != LEGACY_VERSION) {
				throw new CorruptEntryException(where, "unknown format version " + version);
			}
			int flags = in.get() & 0xff;
			if ((flags & ~(GZIP | SIGNED)) != 0) {
				throw new CorruptEntryException(where, "unknown flags " + flags);
			}
			String serializerId = readText(in);
			boolean signed = (flags & SIGNED) != 0;
			if (signed) {
				if (version == LEGACY_VERSION) {
					throw new CorruptEntryException(where, "signed in format version 1, whose signature does not cover the header");
				}
				String keyId = readText(in);
				SigningKey verifier = this.keys.get(keyId);
				if (verifier == null) {
					throw new CorruptEntryException(where, "signed with unknown key " + SafeText.quote(keyId));
				}
				byte[] header = Arrays.copyOfRange(bytes, 0, in.position());
				byte[] mac = new byte[MAC_BYTES];
				in.get(mac);
				if (!MessageDigest.isEqual(mac, mac(verifier, header, key, in.slice()))) {
					throw new CorruptEntryException(where, "signature does not match (tampered or truncated)");
				}
			}
			else if (this.signWith != null) {
				throw new CorruptEntryException(where, "entry is not signed, but signatures are required");
			}
			byte[] body = new byte[in.remaining()];
			in.get(body);
			byte[] payload = (flags & GZIP) != 0 ? gunzip(body, where) : body;
			if (payload.length > this.maxEntryBytes) {
				throw new CorruptEntryException(where, "payload of " + payload.length
						+ " bytes exceeds the maximum entry size of " + this.maxEntryBytes + " bytes");
			}
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

	private static byte[] mac(SigningKey signingKey, byte[] header, Digest key, ByteBuffer body) {
		Mac mac = signingKey.newMac();
		mac.update(header);
		mac.update(key.bytes());
		mac.update(body);
		return mac.doFinal();
	}

	private static void writeText(ByteArrayOutputStream out, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > 255) {
			throw new IllegalArgumentException(SafeText.quote(text) + " is longer than 255 bytes");
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

	/** Inflates {@code body}, stopping as soon as the output passes the maximum entry size. */
	private byte[] gunzip(byte[] body, String where) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, 1 << 20) + 64);
			byte[] buffer = new byte[8192];
			long total = 0;
			for (int read; (read = in.read(buffer)) > 0;) {
				total += read;
				if (total > this.maxEntryBytes) {
					throw new CorruptEntryException(where, "compressed payload inflates past the maximum entry size of "
							+ this.maxEntryBytes + " bytes (a decompression bomb?)");
				}
				out.write(buffer, 0, read);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new CorruptEntryException(where, "compressed payload is damaged", ex);
		}
	}

}
