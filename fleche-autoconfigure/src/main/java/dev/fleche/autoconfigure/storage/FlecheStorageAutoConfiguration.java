package dev.fleche.autoconfigure.storage;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.fleche.autoconfigure.FlecheProperties;
import dev.fleche.autoconfigure.redis.RedisStorageConfiguration;
import dev.fleche.autoconfigure.FlecheSettings;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.file.FileStorage;
import dev.fleche.core.storage.memory.MemoryStorage;
import dev.fleche.core.storage.sqlite.SqliteStore;

/**
 * Registers the {@link ValueStorage} and {@link CallStorage} beans of {@code fleche.storage.*}:
 * SQLite in {@code .fleche/fleche.db} by default, or files, or memory; each wrapped by the lock
 * advice of {@code fleche.storage.locking}. A user's own storage beans make it back off.
 */
@AutoConfiguration
@EnableConfigurationProperties(FlecheProperties.class)
@Import(RedisStorageConfiguration.class)
public final class FlecheStorageAutoConfiguration {

	/** The file name of the SQLite database in the storage directory. */
	public static final String SQLITE_FILE = "fleche.db";

	@Bean
	@ConditionalOnMissingBean
	Serializer flecheSerializer(FlecheProperties properties) {
		return FlecheSettings.serializer(properties.getStorage());
	}

	@Bean
	@ConditionalOnMissingBean
	EntryCodec flecheEntryCodec(FlecheProperties properties) {
		return FlecheSettings.codec(properties.getStorage());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "fleche.storage.type", havingValue = "sqlite", matchIfMissing = true)
	@Conditional(StorageBeanMissing.class)
	static class SqliteStorageConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		SqliteStore flecheSqliteStore(FlecheProperties properties, Serializer serializer, EntryCodec codec) {
			Path file = FlecheSettings.storagePath(properties.getStorage()).resolve(SQLITE_FILE);
			return SqliteStore.open(file, serializer, codec, properties.getStorage().getOnCorrupt());
		}

		@Bean
		@ConditionalOnMissingBean
		ValueStorage flecheValueStorage(SqliteStore store, FlecheProperties properties) {
			return StorageProxies.wrap(ValueStorage.class, store.values(), properties.getStorage().getLocking());
		}

		@Bean
		@ConditionalOnMissingBean
		CallStorage flecheCallStorage(SqliteStore store, FlecheProperties properties) {
			return StorageProxies.wrap(CallStorage.class, store.calls(), properties.getStorage().getLocking());
		}

	}

	/**
	 * Matches when the user has not defined both storage beans, so a store is needed.
	 */
	static final class StorageBeanMissing extends AnyNestedCondition {

		StorageBeanMissing() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnMissingBean(ValueStorage.class)
		static final class ValueStorageMissing {

		}

		@ConditionalOnMissingBean(CallStorage.class)
		static final class CallStorageMissing {

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "fleche.storage.type", havingValue = "file")
	static class FileStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ValueStorage flecheValueStorage(FlecheProperties properties, Serializer serializer, EntryCodec codec) {
			Path root = FlecheSettings.storagePath(properties.getStorage());
			return StorageProxies.wrap(ValueStorage.class, FileStorage.values(root.resolve("values"), serializer, codec),
					properties.getStorage().getLocking());
		}

		@Bean
		@ConditionalOnMissingBean
		CallStorage flecheCallStorage(FlecheProperties properties, EntryCodec codec) {
			Path root = FlecheSettings.storagePath(properties.getStorage());
			return StorageProxies.wrap(CallStorage.class, FileStorage.calls(root.resolve("calls"), codec),
					properties.getStorage().getLocking());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "fleche.storage.type", havingValue = "memory")
	static class MemoryStorageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ValueStorage flecheValueStorage(FlecheProperties properties, Serializer serializer) {
			return StorageProxies.wrap(ValueStorage.class, MemoryStorage.values(serializer),
					properties.getStorage().getLocking());
		}

		@Bean
		@ConditionalOnMissingBean
		CallStorage flecheCallStorage(FlecheProperties properties) {
			return StorageProxies.wrap(CallStorage.class, MemoryStorage.calls(), properties.getStorage().getLocking());
		}

	}

}
