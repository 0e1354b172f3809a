package dev.fleche.autoconfigure.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.Locked;
import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.call.Call;
import dev.fleche.core.lock.LockListener;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

/**
 * Pins the nesting of the advice: by default @CachedCall wraps @Locked, which wraps
 * @Transactional; the orders are properties.
 */
class AdviceOrderTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory, "fleche.lock.backend=local")
			.withUserConfiguration(Recording.class);
	}

	@Test
	void cacheWrapsLockWhichWrapsTransaction() {
		runner().run(context -> {
			Events events = context.getBean(Events.class);
			context.getBean(LockService.class).addListener(events.lockListener());
			context.getBean(Service.class).work(1);
			assertThat(events.list).containsExactly("cache-lookup", "lock-acquired", "tx-begin", "method", "tx-commit",
					"lock-released", "cache-store");
		});
	}

	@Test
	void ordersAreProperties() {
		runner().withPropertyValues("fleche.lock.order=0", "fleche.cache.order=10").run(context -> {
			Events events = context.getBean(Events.class);
			context.getBean(LockService.class).addListener(events.lockListener());
			context.getBean(Service.class).work(1);
			assertThat(events.list).containsExactly("lock-acquired", "cache-lookup", "tx-begin", "method", "tx-commit",
					"cache-store", "lock-released");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class Recording {

		@Bean
		Events events() {
			return new Events();
		}

		@Bean
		Service service(Events events) {
			return new Service(events);
		}

		@Bean
		RecordingTransactionManager transactionManager(Events events) {
			return new RecordingTransactionManager(events);
		}

		@Bean
		CallStorage recordingCallStorage(Events events) {
			return new RecordingCallStorage(MemoryStorage.calls(), events);
		}

	}

	static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

		LockListener lockListener() {
			return new LockListener() {
				@Override
				public void acquired(String key, LockMode mode, long token, long waitNanos, boolean contended) {
					if (key.startsWith("order")) {
						Events.this.list.add("lock-acquired");
					}
				}

				@Override
				public void released(String key, LockMode mode, long heldNanos) {
					if (key.startsWith("order")) {
						Events.this.list.add("lock-released");
					}
				}
			};
		}

	}

	static class Service {

		private final Events events;

		Service(Events events) {
			this.events = events;
		}

		@CachedCall
		@Locked(name = "order")
		@Transactional
		public int work(int input) {
			this.events.list.add("method");
			return input * 2;
		}

	}

	static class RecordingTransactionManager extends AbstractPlatformTransactionManager {

		private static final long serialVersionUID = 1L;

		private final transient Events events;

		RecordingTransactionManager(Events events) {
			this.events = events;
		}

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			this.events.list.add("tx-begin");
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			this.events.list.add("tx-commit");
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			this.events.list.add("tx-rollback");
		}

	}

	static class RecordingCallStorage implements CallStorage {

		private final CallStorage delegate;

		private final Events events;

		RecordingCallStorage(CallStorage delegate, Events events) {
			this.delegate = delegate;
			this.events = events;
		}

		@Override
		public dev.fleche.core.digest.Digest save(Call call) {
			this.events.list.add("cache-store");
			return this.delegate.save(call);
		}

		@Override
		public Call load(String digestOrPrefix) {
			this.events.list.add("cache-lookup");
			return this.delegate.load(digestOrPrefix);
		}

		@Override
		public List<Call> query(dev.fleche.core.call.CallTemplate template) {
			return this.delegate.query(template);
		}

		@Override
		public java.util.Map<dev.fleche.core.digest.Digest, dev.fleche.core.digest.Digest> transform(
				java.util.function.UnaryOperator<Call> fn) {
			return this.delegate.transform(fn);
		}

		@Override
		public List<dev.fleche.core.digest.Digest> list() {
			return this.delegate.list();
		}

		@Override
		public dev.fleche.core.digest.Digest expand(String digestOrPrefix) {
			return this.delegate.expand(digestOrPrefix);
		}

		@Override
		public java.util.Map<dev.fleche.core.digest.Digest, String> shrink(
				java.util.Collection<dev.fleche.core.digest.Digest> keys) {
			return this.delegate.shrink(keys);
		}

		@Override
		public boolean contains(String digestOrPrefix) {
			return this.delegate.contains(digestOrPrefix);
		}

		@Override
		public void evict(String digestOrPrefix) {
			this.delegate.evict(digestOrPrefix);
		}

	}

}
