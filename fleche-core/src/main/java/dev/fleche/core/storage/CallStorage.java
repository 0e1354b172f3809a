package dev.fleche.core.storage;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;

/**
 * Stores call records under their key: the digest of name, version and argument digests.
 * Metadata and result are not part of the key.
 */
public interface CallStorage extends KeyManagement {

	/**
	 * Stores {@code call} under {@link Call#key()}, replacing a record stored under that key.
	 * @return the key
	 * @throws SaveException if it cannot be written
	 */
	Digest save(Call call);

	/**
	 * Loads the call named by {@code digestOrPrefix}.
	 * @throws KeyNotFoundException if nothing is stored under it
	 * @throws AmbiguousKeyException if the prefix names several keys
	 * @throws CorruptEntryException if the record cannot be read back
	 */
	Call load(String digestOrPrefix);

	/**
	 * The result digest of the call named by {@code digestOrPrefix}: what a cache hit needs,
	 * without reading the arguments and metadata.
	 * @throws KeyNotFoundException if nothing is stored under it
	 * @throws AmbiguousKeyException if the prefix names several keys
	 */
	default Digest result(String digestOrPrefix) {
		return load(digestOrPrefix).result();
	}

	/**
	 * The calls that match {@code template}: every field the template sets must match, fields it
	 * leaves unset match anything.
	 */
	List<Call> query(CallTemplate template);

	/**
	 * Applies {@code fn} to every stored call and stores what it returns. A call whose key changed
	 * is moved to its new key; a call returned unchanged is left alone.
	 * @return the keys that changed, old key to new key
	 */
	Map<Digest, Digest> transform(UnaryOperator<Call> fn);

}
