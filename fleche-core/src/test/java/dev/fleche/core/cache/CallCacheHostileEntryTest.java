package dev.fleche.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.digest.Digest;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.serial.JavaSerializer;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.codec.SigningKey;
import dev.fleche.core.storage.file.FileByteStore;
import dev.fleche.core.storage.file.FileStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;

/**
 * Hostile stored entries reach a cached call: a decompression bomb, a Java depth or array bomb, a
 * serializer that throws an {@code Error}, a call record moved to another key. Each is a miss: the
 * method runs and its result is returned.
 */
class CallCacheHostileEntryTest {

	@TempDir
	Path directory;

	private final AtomicInteger runs = new AtomicInteger();

	private static CallSpec spec(Object argument, Type type) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("a", argument);
		return new CallSpec("hostile#f", "1", arguments, type);
	}

	private Object call(CallCache cache, Object argument, Type type, Object result) throws Throwable {
		return cache.call(spec(argument, type), () -> {
			this.runs.incrementAndGet();
			return result;
		});
	}

	private Digest onlyResult(CallStorage calls) {
		return calls.query(CallTemplate.any().withName("hostile#f")).get(0).result();
	}

	@Test
	void gzipBombInflatingFarPastTheDefaultLimitIsAMiss() throws Throwable {
		ValueStorage values = FileStorage.values(this.directory.resolve("values"), new JacksonSerializer(), EntryCodec.plain());
		CallStorage calls = FileStorage.calls(this.directory.resolve("calls"));
		List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
		CallCache cache = CallCache.builder(values, calls).listener(new CallCacheListener() {

			@Override
			public void error(String function, Throwable error) {
				errors.add(error);
			}

		}).build();
		assertThat(call(cache, 1, String.class, "fine")).isEqualTo("fine");
		Digest result = onlyResult(calls);
		byte[] bomb = bomb(result, 512L * 1024 * 1024);
		assertThat((long) bomb.length).isLessThan(EntryCodec.DEFAULT_MAX_ENTRY_BYTES / 64);
		Files.write(new FileByteStore(this.directory.resolve("values")).file(result), bomb);
		assertThat(call(cache, 1, String.class, "fine")).isEqualTo("fine");
		assertThat(this.runs).hasValue(2);
		// the bound stopped it, not a parse of the inflated bytes
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0)).isInstanceOf(dev.fleche.core.storage.CorruptEntryException.class)
			.hasMessageContaining("inflates past the maximum entry size of " + EntryCodec.DEFAULT_MAX_ENTRY_BYTES);
	}

	/** An unsigned gzip entry whose payload inflates to {@code size} zero bytes. */
	private static byte[] bomb(Digest key, long size) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(body, 1 << 16)) {
			byte[] zeros = new byte[1 << 20];
			for (long written = 0; written < size; written += zeros.length) {
				gzip.write(zeros);
			}
		}
		ByteArrayOutputStream entry = new ByteArrayOutputStream();
		entry.write('F');
		entry.write(EntryCodec.FORMAT_VERSION);
		entry.write(1); // gzip
		entry.write(4);
		entry.writeBytes("json".getBytes());
		entry.writeBytes(body.toByteArray());
		return entry.toByteArray();
	}

	@Test
	void javaDepthAndArrayBombsAreMisses() throws Throwable {
		JavaSerializer serializer = JavaSerializer.allowing(List.of("dev.fleche.**"));
		ValueStorage values = FileStorage.values(this.directory.resolve("values"), serializer, EntryCodec.plain());
		CallStorage calls = FileStorage.calls(this.directory.resolve("calls"));
		CallCache cache = CallCache.builder(values, calls).build();
		assertThat(call(cache, 1, Object.class, "fine")).isEqualTo("fine");
		Digest result = onlyResult(calls);
		Path file = new FileByteStore(this.directory.resolve("values")).file(result);

		List<Object> deep = new ArrayList<>();
		List<Object> inner = deep;
		for (int i = 0; i < 500; i++) {
			List<Object> next = new ArrayList<>();
			inner.add(next);
			inner = next;
		}
		Files.write(file, EntryCodec.plain().encode(result, JavaSerializer.ID, javaBytes(deep)));
		assertThat(call(cache, 1, Object.class, "fine")).isEqualTo("fine");
		assertThat(this.runs).hasValue(2);

		Files.write(file, EntryCodec.plain().encode(result, JavaSerializer.ID, javaBytes(new long[2_000_000])));
		assertThat(call(cache, 1, Object.class, "fine")).isEqualTo("fine");
		assertThat(this.runs).hasValue(3);
	}

	private static byte[] javaBytes(Object value) throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Thread writer = new Thread(null, () -> {
			try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
				out.writeObject(value);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}, "writer", 64L * 1024 * 1024);
		writer.start();
		writer.join();
		return bytes.toByteArray();
	}

	@Test
	void errorThrownWhileDecodingIsAMiss() throws Throwable {
		AtomicInteger reads = new AtomicInteger();
		// hostile only once the first call stored its entries: the store's read-back check of each
		// type at its first save reads normally
		AtomicBoolean hostile = new AtomicBoolean();
		Serializer throwing = new Serializer() {

			@Override
			public String id() {
				return "json";
			}

			@Override
			public byte[] serialize(@Nullable Object value) {
				return new JacksonSerializer().serialize(value);
			}

			@Override
			public @Nullable Object deserialize(byte[] bytes, Type type) {
				if (!hostile.get()) {
					return new JacksonSerializer().deserialize(bytes, type);
				}
				switch (reads.incrementAndGet()) {
					case 1 -> throw new StackOverflowError("hostile nesting");
					case 2 -> throw new NoClassDefFoundError("hostile/Type");
					default -> throw new AssertionError("hostile");
				}
			}

		};
		ValueStorage values = FileStorage.values(this.directory.resolve("values"), throwing, EntryCodec.plain());
		CallCache cache = CallCache.builder(values, FileStorage.calls(this.directory.resolve("calls"))).build();
		for (int i = 1; i <= 4; i++) {
			assertThat(call(cache, 1, String.class, "fine")).isEqualTo("fine");
			hostile.set(true);
		}
		assertThat(this.runs).hasValue(4);
		assertThat(reads).hasValue(3);
	}

	@Test
	void callRecordMovedToAnotherKeyInASignedFileStoreIsAMiss() throws Throwable {
		EntryCodec codec = EntryCodec.of(false, List.of(SigningKey.of("k", "a-secret-of-enough-bytes")));
		ValueStorage values = FileStorage.values(this.directory.resolve("values"), new JacksonSerializer(), codec);
		CallStorage calls = FileStorage.calls(this.directory.resolve("calls"), codec);
		CallCache cache = CallCache.builder(values, calls).build();
		call(cache, 1, String.class, "one");
		call(cache, 2, String.class, "two");
		List<Call> records = calls.query(CallTemplate.any());
		FileByteStore files = new FileByteStore(this.directory.resolve("calls"));
		Call one = records.stream().filter(c -> values.load(c.result().hex(), String.class).equals("one")).findFirst().get();
		Call two = records.stream().filter(c -> c != one).findFirst().get();
		Files.write(files.file(one.key()), Files.readAllBytes(files.file(two.key())));
		assertThat(call(cache, 1, String.class, "one")).isEqualTo("one");
		assertThat(this.runs).hasValue(3);
	}

	@Test
	void sqliteRowSwappedToAnotherCallsResultIsAMissInASignedStore() throws Throwable {
		EntryCodec codec = EntryCodec.of(false, List.of(SigningKey.of("k", "a-secret-of-enough-bytes")));
		Path file = this.directory.resolve("fleche.db");
		try (SqliteStore store = SqliteStore.open(file, new JacksonSerializer(), codec)) {
			CallCache cache = CallCache.builder(store.values(), store.calls()).build();
			assertThat(call(cache, 1, String.class, "one")).isEqualTo("one");
			assertThat(call(cache, 2, String.class, "two")).isEqualTo("two");
			List<Call> records = store.calls().query(CallTemplate.any());
			Call one = records.stream().filter(c -> store.values().load(c.result().hex(), String.class).equals("one"))
				.findFirst().get();
			Call two = records.stream().filter(c -> c != one).findFirst().get();
			try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
					java.sql.PreparedStatement update = connection
						.prepareStatement("UPDATE fleche_calls SET result = ? WHERE key = ?")) {
				update.setString(1, two.result().hex());
				update.setString(2, one.key().hex());
				assertThat(update.executeUpdate()).isEqualTo(1);
			}
			assertThat(call(cache, 1, String.class, "one")).isEqualTo("one");
			assertThat(this.runs).hasValue(3);
		}
	}

}
