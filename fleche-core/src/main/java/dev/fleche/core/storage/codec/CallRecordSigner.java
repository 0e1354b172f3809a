package dev.fleche.core.storage.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;

import org.jspecify.annotations.Nullable;

import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.storage.CorruptEntryException;
import dev.fleche.core.text.SafeText;
import tools.jackson.databind.JsonNode;

/**
 * Signs call records that a store keeps as rows or fields rather than in one {@link EntryCodec}
 * envelope (SQLite, server backends). The signature is a tag kept next to the record: format
 * version, key id (length-prefixed) and an HMAC-SHA256 over the tag header and every field of the
 * record: its key, name, version, arguments in order, result digest and each metadata namespace
 * with its JSON text. A store verifies the tag before it uses the record; a record whose tag is
 * missing (when signing is on), unknown or wrong is a {@link CorruptEntryException}.
 * <p>
 * Metadata is signed as JSON text: a store that keeps the text it wrote passes the same text back
 * ({@link #sign(Digest, Call, Map)}); otherwise the canonical text of each value (fields sorted) is
 * used. Immutable and thread-safe.
 */
public final class CallRecordSigner {

	private static final int TAG_VERSION = 1;

	private static final int MAC_BYTES = 32;

	private static final byte[] DOMAIN = "fleche.call-record".getBytes(StandardCharsets.US_ASCII);

	private static final CallRecordSigner UNSIGNED = new CallRecordSigner(List.of());

	private final Map<String, SigningKey> keys = new LinkedHashMap<>();

	private final @Nullable SigningKey signWith;

	private CallRecordSigner(List<SigningKey> ring) {
		for (SigningKey key : ring) {
			if (this.keys.putIfAbsent(key.id(), key) != null) {
				throw new IllegalArgumentException("Signing key id " + SafeText.quote(key.id()) + " is given twice");
			}
		}
		this.signWith = ring.isEmpty() ? null : ring.get(0);
	}

	/** A signer with a key ring: the first key signs, any verifies; empty for no signatures. */
	public static CallRecordSigner of(List<SigningKey> ring) {
		return ring.isEmpty() ? UNSIGNED : new CallRecordSigner(List.copyOf(ring));
	}

	/** A signer that signs nothing and checks nothing. */
	public static CallRecordSigner unsigned() {
		return UNSIGNED;
	}

	/** Whether records are signed (and so must carry a valid tag). */
	public boolean isSigned() {
		return this.signWith != null;
	}

	/** The tag of {@code call} stored under {@code key}, metadata as canonical JSON; {@code null} if unsigned. */
	public byte @Nullable [] sign(Digest key, Call call) {
		return sign(key, call, canonicalMetadata(call));
	}

	/**
	 * The tag of {@code call} stored under {@code key}, with its metadata as the JSON text the store
	 * keeps; {@code null} if unsigned.
	 */
	public byte @Nullable [] sign(Digest key, Call call, Map<String, String> metadataJson) {
		SigningKey signer = this.signWith;
		if (signer == null) {
			return null;
		}
		byte[] id = signer.id().getBytes(StandardCharsets.UTF_8);
		ByteBuffer tag = ByteBuffer.allocate(2 + id.length + MAC_BYTES);
		tag.put((byte) TAG_VERSION).put((byte) id.length).put(id);
		tag.put(mac(signer, tag.array(), 2 + id.length, key, call, metadataJson));
		return tag.array();
	}

	/** Checks the tag of {@code call} read under {@code key}, metadata as canonical JSON. */
	public void verify(Digest key, Call call, byte @Nullable [] tag, String where) {
		verify(key, call, canonicalMetadata(call), tag, where);
	}

	/**
	 * Checks the tag of {@code call} read under {@code key}, with its metadata as the JSON text read.
	 * Does nothing when this signer is unsigned.
	 * @throws CorruptEntryException if the tag is missing, malformed, of an unknown key, or wrong
	 */
	public void verify(Digest key, Call call, Map<String, String> metadataJson, byte @Nullable [] tag, String where) {
		if (this.signWith == null) {
			return;
		}
		if (tag == null || tag.length == 0) {
			throw new CorruptEntryException(where, "call record is not signed, but signatures are required");
		}
		if (tag.length < 2 || (tag[0] & 0xff) != TAG_VERSION) {
			throw new CorruptEntryException(where, "call record signature has an unknown format");
		}
		int idLength = tag[1] & 0xff;
		if (tag.length != 2 + idLength + MAC_BYTES) {
			throw new CorruptEntryException(where, "call record signature is truncated");
		}
		String keyId = new String(tag, 2, idLength, StandardCharsets.UTF_8);
		SigningKey verifier = this.keys.get(keyId);
		if (verifier == null) {
			throw new CorruptEntryException(where, "call record signed with unknown key " + SafeText.quote(keyId));
		}
		byte[] expected = mac(verifier, tag, 2 + idLength, key, call, metadataJson);
		byte[] actual = new byte[MAC_BYTES];
		System.arraycopy(tag, 2 + idLength, actual, 0, MAC_BYTES);
		if (!MessageDigest.isEqual(expected, actual)) {
			throw new CorruptEntryException(where, "call record signature does not match (tampered or moved)");
		}
	}

	private static Map<String, String> canonicalMetadata(Call call) {
		Map<String, String> texts = new TreeMap<>();
		call.metadata().forEach((namespace, value) -> texts.put(namespace, CanonicalJsonText.of(value)));
		return texts;
	}

	private static byte[] mac(SigningKey signer, byte[] tag, int headerLength, Digest key, Call call,
			Map<String, String> metadataJson) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			field(out, DOMAIN);
			field(out, java.util.Arrays.copyOf(tag, headerLength));
			field(out, key.bytes());
			text(out, call.name());
			text(out, call.version());
			out.writeInt(call.arguments().size());
			for (Map.Entry<String, Digest> argument : call.arguments().entrySet()) {
				text(out, argument.getKey());
				field(out, argument.getValue().bytes());
			}
			field(out, call.result().bytes());
			Map<String, String> sorted = new TreeMap<>(metadataJson);
			out.writeInt(sorted.size());
			for (Map.Entry<String, String> namespace : sorted.entrySet()) {
				text(out, namespace.getKey());
				text(out, namespace.getValue());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Mac mac = signer.newMac();
		return mac.doFinal(bytes.toByteArray());
	}

	private static void text(DataOutputStream out, String text) throws IOException {
		field(out, text.getBytes(StandardCharsets.UTF_8));
	}

	private static void field(DataOutputStream out, byte[] bytes) throws IOException {
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	/** The canonical JSON text of a metadata value, as signed when no stored text is given. */
	public static String canonicalJson(JsonNode value) {
		return CanonicalJsonText.of(value);
	}

}
