package dev.fleche.autoconfigure.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.core.serial.JavaSerializer;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;

class FlecheStorageAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory);
	}

	@Test
	void defaultIsSqliteInTheStorageDirectoryBehindPerKeyAdvice() {
		runner().run(context -> {
			assertThat(context).hasSingleBean(SqliteStore.class).hasSingleBean(ValueStorage.class)
				.hasSingleBean(CallStorage.class);
			assertThat(context.getBean(SqliteStore.class).file()).isEqualTo(this.directory.resolve("fleche.db"));
			ValueStorage values = context.getBean(ValueStorage.class);
			assertThat(AopUtils.isAopProxy(values)).isTrue();
			String key = values.save("hello").hex();
			assertThat(values.load(key.substring(0, 8), String.class)).isEqualTo("hello");
			assertThat(Files.exists(this.directory.resolve("fleche.db"))).isTrue();
		});
	}

	@Test
	void fileStorage() {
		runner().withPropertyValues("fleche.storage.type=file", "fleche.storage.locking=serializing").run(context -> {
			assertThat(context).doesNotHaveBean(SqliteStore.class);
			ValueStorage values = context.getBean(ValueStorage.class);
			values.save(42);
			assertThat(Files.isDirectory(this.directory.resolve("values"))).isTrue();
			assertThat(AopUtils.isAopProxy(context.getBean(CallStorage.class))).isTrue();
		});
	}

	@Test
	void memoryStorageWithoutLocks() {
		runner().withPropertyValues("fleche.storage.type=memory", "fleche.storage.locking=none").run(context -> {
			assertThat(AopUtils.isAopProxy(context.getBean(ValueStorage.class))).isFalse();
			assertThat(context.getBean(ValueStorage.class).save("x")).isNotNull();
		});
	}

	@Test
	void compressionAndSigningKeysReachTheCodec() {
		runner()
			.withPropertyValues("fleche.storage.compression=true", "fleche.storage.signing-keys[0].id=k2026",
					"fleche.storage.signing-keys[0].secret=0123456789abcdef-secret")
			.run(context -> assertThat(context.getBean(EntryCodec.class).isSigned()).isTrue());
	}

	@Test
	void javaSerializerWithAllowList() {
		runner().withPropertyValues("fleche.storage.serializer=java", "fleche.storage.java-allow-list=com.example.**")
			.run(context -> assertThat(context.getBean(Serializer.class)).isInstanceOf(JavaSerializer.class));
	}

	@Test
	void userBeansMakeItBackOff() {
		ValueStorage values = MemoryStorage.values();
		CallStorage calls = MemoryStorage.calls();
		runner().withBean(ValueStorage.class, () -> values).withBean(CallStorage.class, () -> calls).run(context -> {
			assertThat(context.getBean(ValueStorage.class)).isSameAs(values);
			assertThat(context.getBean(CallStorage.class)).isSameAs(calls);
			assertThat(context).doesNotHaveBean(SqliteStore.class);
		});
	}

	@Test
	void badTypeFailsNamingTheProperty() {
		runner().withPropertyValues("fleche.storage.type=cassandra").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.storage.type");
		});
	}

	@Test
	void shortSigningSecretFailsNamingTheProperty() {
		runner().withPropertyValues("fleche.storage.signing-keys[0].id=k", "fleche.storage.signing-keys[0].secret=short")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.storage.signing-keys[0].secret")
					.hasStackTraceContaining("16 bytes");
			});
	}

	@Test
	void rejectedSigningSecretsAreNeverEchoed() {
		runner().withPropertyValues("fleche.storage.signing-keys[0].id=k", "fleche.storage.signing-keys[0].secret=pw-Hunter2")
			.run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.storage.signing-keys[0].secret")
				.satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain("pw-Hunter2")));
		runner()
			.withPropertyValues("fleche.storage.signing-keys[0].id=k", "fleche.storage.signing-keys[0].secret=first-Hunter2-secret",
					"fleche.storage.signing-keys[1].id=k", "fleche.storage.signing-keys[1].secret=second-Hunter2-secret")
			.run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.storage.signing-keys")
				.satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain("Hunter2")));
	}

	private static String stackTrace(Throwable failure) {
		java.io.StringWriter out = new java.io.StringWriter();
		failure.printStackTrace(new java.io.PrintWriter(out));
		return out.toString();
	}

	@Test
	void maxEntrySizeAndJavaLimitsAreBoundAndChecked() {
		runner().withPropertyValues("fleche.storage.max-entry-size=1MB")
			.run(context -> assertThat(context.getBean(EntryCodec.class).maxEntryBytes()).isEqualTo(1024 * 1024));
		runner().run(context -> assertThat(context.getBean(EntryCodec.class).maxEntryBytes())
			.isEqualTo(EntryCodec.DEFAULT_MAX_ENTRY_BYTES));
		runner().withPropertyValues("fleche.storage.max-entry-size=0B")
			.run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.storage.max-entry-size"));
		runner()
			.withPropertyValues("fleche.storage.serializer=java", "fleche.storage.java-allow-list=com.example.**",
					"fleche.storage.java-limits.max-depth=0")
			.run(context -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("fleche.storage.java-limits.max-depth"));
		runner()
			.withPropertyValues("fleche.storage.serializer=java", "fleche.storage.java-allow-list=com.example.**",
					"fleche.storage.java-limits.max-depth=3", "fleche.storage.java-limits.max-bytes=1KB")
			.run(context -> {
				Serializer serializer = context.getBean(Serializer.class);
				byte[] deep = serializer.serialize(java.util.List.of(java.util.List.of(java.util.List.of(java.util.List.of(1)))));
				org.assertj.core.api.Assertions.assertThatThrownBy(() -> serializer.deserialize(deep, Object.class))
					.isInstanceOf(dev.fleche.core.serial.SerializationException.class);
				byte[] shallow = serializer.serialize(java.util.List.of(1));
				assertThat(serializer.deserialize(shallow, Object.class)).isEqualTo(java.util.List.of(1));
			});
	}

	@Test
	void javaSerializerWithoutAllowListFailsNamingTheProperty() {
		runner().withPropertyValues("fleche.storage.serializer=java").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("fleche.storage.java-allow-list");
		});
	}

	@Test
	void garbageDatabaseFailsNamingTheFile() throws Exception {
		Files.write(this.directory.resolve("fleche.db"), new byte[4096]);
		Files.write(this.directory.resolve("fleche.db"), "this is not a database, just some text.".repeat(200).getBytes());
		runner().withPropertyValues("fleche.storage.on-corrupt=fail").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(this.directory.resolve("fleche.db").toString());
		});
	}

}
