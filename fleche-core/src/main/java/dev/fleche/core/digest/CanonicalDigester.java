package dev.fleche.core.digest;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The standard digester: a Merkle digest over a canonical, type-salted encoding.
 * <p>
 * A leaf value is digested as SHA-256 over a one-character type tag and its canonical bytes. A
 * composite value is digested over its tag and the <em>digests</em> of its parts, so replacing any
 * part by its {@link Digest} leaves the whole digest unchanged, and a {@link Digest} given as a
 * value digests to itself. The rules, first match wins:
 * <ul>
 * <li>{@link Digest}: itself.</li>
 * <li>{@link Digestible}: class name and the digest of {@link Digestible#digestContent()}.</li>
 * <li>{@code null}; {@code Boolean}; {@code Byte}, {@code Short}, {@code Integer}, {@code Long},
 * {@code Character}: each with its own tag, so {@code 1} and {@code 1L} differ; big-endian
 * bytes.</li>
 * <li>{@code Float} and {@code Double}: their exact bits, with {@code -0.0} distinct from
 * {@code 0.0} and every NaN folded into the one canonical NaN.</li>
 * <li>{@code String}: UTF-8. {@code byte[]}: its bytes. Other primitive arrays and object arrays:
 * component type name and each element's digest.</li>
 * <li>{@code Enum}: declaring class name and constant name (not the ordinal).</li>
 * <li>{@code BigInteger}: two's-complement bytes. {@code BigDecimal}: unscaled value and scale,
 * so {@code 1.0} and {@code 1.00} differ (as {@code equals} says).</li>
 * <li>{@code UUID}: its 128 bits. {@code java.time} values (and {@code ZoneId}): class name and
 * ISO-8601 text.</li>
 * <li>{@code Optional} (and the primitive optionals): empty, or the digest of the value.</li>
 * <li>{@code List} and other ordered collections: element digests in order. {@code Set}: element
 * digests sorted, so iteration order does not matter. {@code Map}: (key digest, value digest)
 * pairs sorted by key digest.</li>
 * <li>Records: class name, then each component's name and value digest in declaration
 * order.</li>
 * <li>{@code java.util.Date} (and {@code java.sql.Timestamp}): class name and epoch milliseconds.
 * {@code URI}, {@code Locale} (language tag), {@code Currency}, {@code Charset}: class name and
 * text. {@code Class}: its name.</li>
 * <li>The one fallback, for any other object: class name and its bean properties as Jackson
 * serializes them (public getters and fields), digested as a sorted map of plain values. State
 * that is not a property is not part of the digest: give such types {@link Digestible}.</li>
 * </ul>
 * An object with no bean properties fails with {@link UndigestableValueException}:
 * {@code hashCode} and {@code toString} are never used. A cycle fails the same way.
 */
public final class CanonicalDigester implements Digester {

	static final CanonicalDigester INSTANCE = new CanonicalDigester();

	private static final int CANONICAL_NAN_FLOAT = Float.floatToIntBits(Float.NaN);

	private static final long CANONICAL_NAN_DOUBLE = Double.doubleToLongBits(Double.NaN);

	private CanonicalDigester() {
	}

	@Override
	public Digest digest(@Nullable Object value) {
		return digest(value, new IdentityHashMap<>());
	}

	private Digest digest(@Nullable Object value, IdentityHashMap<Object, Boolean> path) {
		if (value == null) {
			return new Sha256('N').finish();
		}
		if (value instanceof Digest digest) {
			return digest;
		}
		if (value instanceof Digestible digestible) {
			Object content = digestible.digestContent();
			if (content == value) {
				throw new UndigestableValueException(value.getClass(), "digestContent() returned the object itself");
			}
			return enter(value, path, () -> new Sha256('X').text(value.getClass().getName())
				.digest(digest(content, path))
				.finish());
		}
		Digest leaf = leaf(value);
		if (leaf != null) {
			return leaf;
		}
		return enter(value, path, () -> composite(value, path));
	}

	private @Nullable Digest leaf(Object value) {
		if (value instanceof String s) {
			return new Sha256('T').bytes(s.getBytes(StandardCharsets.UTF_8)).finish();
		}
		if (value instanceof Boolean b) {
			return new Sha256('Z').tag(b ? '1' : '0').finish();
		}
		if (value instanceof Integer i) {
			return new Sha256('I').int32(i).finish();
		}
		if (value instanceof Long l) {
			return new Sha256('J').int64(l).finish();
		}
		if (value instanceof Double d) {
			return new Sha256('D').int64(Double.isNaN(d) ? CANONICAL_NAN_DOUBLE : Double.doubleToRawLongBits(d)).finish();
		}
		if (value instanceof Float f) {
			return new Sha256('F').int32(Float.isNaN(f) ? CANONICAL_NAN_FLOAT : Float.floatToRawIntBits(f)).finish();
		}
		if (value instanceof Short s) {
			return new Sha256('S').int32(s).finish();
		}
		if (value instanceof Byte b) {
			return new Sha256('B').int32(b).finish();
		}
		if (value instanceof Character c) {
			return new Sha256('C').int32(c).finish();
		}
		if (value instanceof byte[] bytes) {
			return new Sha256('b').bytes(bytes).finish();
		}
		if (value instanceof Enum<?> e) {
			return new Sha256('E').text(e.getDeclaringClass().getName()).text(e.name()).finish();
		}
		if (value instanceof BigInteger big) {
			return new Sha256('G').bytes(big.toByteArray()).finish();
		}
		if (value instanceof BigDecimal dec) {
			return new Sha256('K').bytes(dec.unscaledValue().toByteArray()).int32(dec.scale()).finish();
		}
		if (value instanceof UUID uuid) {
			return new Sha256('U').int64(uuid.getMostSignificantBits()).int64(uuid.getLeastSignificantBits()).finish();
		}
		if (isJavaTime(value)) {
			return new Sha256('t').text(value.getClass().getName()).text(value.toString()).finish();
		}
		if (value instanceof java.util.Date date) {
			return new Sha256('d').text(value.getClass().getName()).int64(date.getTime()).finish();
		}
		if (value instanceof java.net.URI || value instanceof java.util.Locale || value instanceof java.util.Currency
				|| value instanceof java.nio.charset.Charset) {
			String text = (value instanceof java.util.Locale locale) ? locale.toLanguageTag() : value.toString();
			return new Sha256('V').text(value.getClass().getName()).text(text).finish();
		}
		if (value instanceof Class<?> type) {
			return new Sha256('Y').text(type.getName()).finish();
		}
		if (value instanceof OptionalInt o) {
			return o.isPresent() ? optional(leaf(o.getAsInt())) : optional(null);
		}
		if (value instanceof OptionalLong o) {
			return o.isPresent() ? optional(leaf(o.getAsLong())) : optional(null);
		}
		if (value instanceof OptionalDouble o) {
			return o.isPresent() ? optional(leaf(o.getAsDouble())) : optional(null);
		}
		return null;
	}

	private static boolean isJavaTime(Object value) {
		boolean timeType = value instanceof TemporalAccessor || value instanceof TemporalAmount
				|| value instanceof ZoneId;
		return timeType && value.getClass().getName().startsWith("java.time.");
	}

	private Digest composite(Object value, IdentityHashMap<Object, Boolean> path) {
		if (value instanceof Optional<?> o) {
			return optional(o.isPresent() ? digest(o.get(), path) : null);
		}
		if (value instanceof Set<?> set) {
			List<Digest> elements = new ArrayList<>(set.size());
			for (Object element : set) {
				elements.add(digest(element, path));
			}
			elements.sort(null);
			Sha256 sha = new Sha256('s').int32(elements.size());
			elements.forEach(sha::digest);
			return sha.finish();
		}
		if (value instanceof Collection<?> list) {
			Sha256 sha = new Sha256('L').int32(list.size());
			for (Object element : list) {
				sha.digest(digest(element, path));
			}
			return sha.finish();
		}
		if (value instanceof Map<?, ?> map) {
			List<Digest[]> entries = new ArrayList<>(map.size());
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				entries.add(new Digest[] { digest(entry.getKey(), path), digest(entry.getValue(), path) });
			}
			// a key and the digest of that key tie: order them by value digest so iteration order never leaks in
			entries.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
			Sha256 sha = new Sha256('M').int32(entries.size());
			entries.forEach(pair -> sha.digest(pair[0]).digest(pair[1]));
			return sha.finish();
		}
		if (value.getClass().isArray()) {
			int length = Array.getLength(value);
			Sha256 sha = new Sha256('A').text(value.getClass().getComponentType().getName()).int32(length);
			for (int i = 0; i < length; i++) {
				sha.digest(digest(Array.get(value, i), path));
			}
			return sha.finish();
		}
		if (value instanceof Record record) {
			return record(record, path);
		}
		return new Sha256('P').text(value.getClass().getName()).digest(digest(BeanFallback.properties(value), path)).finish();
	}

	private Digest record(Record record, IdentityHashMap<Object, Boolean> path) {
		RecordComponent[] components = record.getClass().getRecordComponents();
		Sha256 sha = new Sha256('R').text(record.getClass().getName()).int32(components.length);
		for (RecordComponent component : components) {
			Object part;
			try {
				var accessor = component.getAccessor();
				accessor.setAccessible(true);
				part = accessor.invoke(record);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				throw new UndigestableValueException(record.getClass(),
						"cannot read record component '" + component.getName() + "'", ex);
			}
			sha.text(component.getName()).digest(digest(part, path));
		}
		return sha.finish();
	}

	private static Digest optional(@Nullable Digest present) {
		return present == null ? new Sha256('O').tag('0').finish() : new Sha256('O').tag('1').digest(present).finish();
	}

	private static Digest enter(Object value, IdentityHashMap<Object, Boolean> path, java.util.function.Supplier<Digest> body) {
		if (path.put(value, Boolean.TRUE) != null) {
			throw new UndigestableValueException(value.getClass(), "the value contains itself (a cycle)");
		}
		try {
			return body.get();
		}
		finally {
			path.remove(value);
		}
	}

}
