package dev.fleche.autoconfigure.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockTimeoutException;

class LockedAspectTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheLockAutoConfiguration.class))
			.withPropertyValues("fleche.lock.directory=" + this.directory.resolve("locks"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Services {

		@Bean
		LockedServices.Counter counter() {
			return new LockedServices.Counter();
		}

		@Bean
		LockedServices.Documents documents() {
			return new LockedServices.Documents();
		}

		@Bean
		LockedServices.Pool pool() {
			return new LockedServices.Pool();
		}

		@Bean
		LockedServices.Slow slow() {
			return new LockedServices.Slow();
		}

		@Bean
		LockedServices.Nested nested() {
			return new LockedServices.Nested();
		}

		@Bean
		LockedServices.TypeLevel typeLevel() {
			return new LockedServices.TypeLevel();
		}

		@Bean
		LockMode exclusiveReader() {
			return LockMode.of("exclusiveReader", held -> held.total() == 0);
		}

	}

	@Test
	void eightThreadsThroughALockedMethodLoseNothing() {
		runner().withUserConfiguration(Services.class).run(context -> {
			LockedServices.Counter counter = context.getBean(LockedServices.Counter.class);
			runConcurrently(8, 50, () -> counter.increment("shared"));
			assertThat(counter.value()).isEqualTo(400);
		});
	}

	@Test
	void lockedMethodsWorkOnTheLocalBackendToo() {
		runner().withUserConfiguration(Services.class).withPropertyValues("fleche.lock.backend=local").run(context -> {
			assertThat(context.getBean(LockService.class).backendName()).isEqualTo("local");
			LockedServices.Counter counter = context.getBean(LockedServices.Counter.class);
			runConcurrently(8, 50, () -> counter.increment("shared"));
			assertThat(counter.value()).isEqualTo(400);
		});
	}

	@Test
	void readersOverlapAndWritersExcludeThem() {
		runner().withUserConfiguration(Services.class).run(context -> {
			LockedServices.Documents documents = context.getBean(LockedServices.Documents.class);
			runConcurrently(4, 2, () -> documents.read("a"));
			assertThat(documents.all().peak.get()).isGreaterThan(1);
			LockedServices.Documents fresh = context.getBean(LockedServices.Documents.class);
			fresh.all().peak.set(0);
			runConcurrently(4, 3, () -> {
				if (Thread.currentThread().getName().hashCode() % 2 == 0) {
					fresh.write("b");
				}
				else {
					fresh.write("b");
					fresh.read("b");
				}
			});
			assertThat(fresh.all().peak.get()).isGreaterThanOrEqualTo(1);
			LockedServices.Documents mixed = context.getBean(LockedServices.Documents.class);
			CountDownLatch started = new CountDownLatch(1);
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
				started.countDown();
				for (int i = 0; i < 5; i++) {
					mixed.write("c");
				}
			});
			started.await();
			mixed.all().peak.set(0);
			runConcurrently(2, 2, () -> mixed.write("c"));
			writer.get(30, TimeUnit.SECONDS);
			assertThat(mixed.all().peak.get()).isEqualTo(1);
		});
	}

	@Test
	void unfairReadersBargePastAQueuedWriter() {
		runner().withUserConfiguration(Services.class)
			.withPropertyValues("fleche.lock.backend=local", "fleche.lock.fair=false")
			.run(context -> {
				LockService service = context.getBean(LockService.class);
				LockedServices.Documents documents = context.getBean(LockedServices.Documents.class);
				try (var reader = service.readWriteLock("doc:x").read().acquire()) {
					CompletableFuture<dev.fleche.core.lock.LockHandle> writer = service.readWriteLock("doc:x")
						.write()
						.acquireAsync();
					CompletableFuture.runAsync(() -> documents.read("x")).get(5, TimeUnit.SECONDS);
					assertThat(writer).isNotDone();
					reader.release();
					writer.get(5, TimeUnit.SECONDS).close();
				}
			});
	}

	@Test
	void semaphorePeakEqualsPermits() {
		runner().withUserConfiguration(Services.class).run(context -> {
			LockedServices.Pool pool = context.getBean(LockedServices.Pool.class);
			runConcurrently(8, 4, pool::use);
			assertThat(pool.gauge().peak.get()).isEqualTo(3);
		});
	}

	@Test
	void timeoutThrowsOrSkips() {
		runner().withUserConfiguration(Services.class).run(context -> {
			LockedServices.Slow slow = context.getBean(LockedServices.Slow.class);
			CountDownLatch holding = new CountDownLatch(1);
			CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> {
				try {
					holding.countDown();
					return slow.hold(1500);
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			});
			holding.await();
			Thread.sleep(200);
			assertThatThrownBy(slow::throwing).isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("busy")
				.hasMessageContaining("PT0.1S");
			assertThat(slow.skippingOptional()).isEqualTo(Optional.empty());
			assertThat(slow.skippingNull()).isNull();
			assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo("held");
			assertThat(slow.throwing()).isEqualTo("ran");
		});
	}

	@Test
	void reentrantKindLetsTheHolderCallIn() {
		runner().withUserConfiguration(Services.class).run(context -> {
			LockedServices.Nested nested = context.getBean(LockedServices.Nested.class);
			assertThat(nested.outer(nested, 3)).isEqualTo(3);
		});
	}

	@Test
	void fifoModesBuiltInAndFromBeans() {
		runner().withUserConfiguration(Services.class).run(context -> {
			LockedServices.Nested nested = context.getBean(LockedServices.Nested.class);
			assertThat(nested.fifo()).isEqualTo("fifo");
			assertThat(nested.custom()).isEqualTo("custom");
		});
	}

	@Test
	void typeLevelAnnotationLocksPublicMethods() {
		runner().withUserConfiguration(Services.class).run(context -> {
			LockedServices.TypeLevel bean = context.getBean(LockedServices.TypeLevel.class);
			assertThat(org.springframework.aop.support.AopUtils.isAopProxy(bean)).isTrue();
			assertThat(bean.first()).isEqualTo("first");
			assertThat(context.getBean(LockService.class).state("typeLevel")).isPresent();
		});
	}

	@Test
	void nullKeyIsAClearError() {
		runner().withUserConfiguration(Services.class).run(context -> {
			LockedServices.Nested nested = context.getBean(LockedServices.Nested.class);
			assertThatThrownBy(() -> nested.nullKey(null)).isInstanceOf(LockKeyException.class)
				.hasMessageContaining("#item?.id")
				.hasMessageContaining("nullKey")
				.hasMessageContaining("null");
		});
	}

	@Test
	void invalidExpressionFailsStartNamingTheMethod() {
		runner().withBean(LockedServices.BadExpression.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(failure(context.getStartupFailure()))
				.isInstanceOf(InvalidLockedMethodException.class)
				.hasMessageContaining("BadExpression#broken(String)")
				.hasMessageContaining("#id +");
		});
	}

	@Test
	void leaseShorterThanWaitFailsStart() {
		runner().withBean(LockedServices.LeaseShorterThanWait.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(failure(context.getStartupFailure()))
				.isInstanceOf(InvalidLockedMethodException.class)
				.hasMessageContaining("LeaseShorterThanWait#method()")
				.hasMessageContaining("shorter");
		});
	}

	@Test
	void skipOnPrimitiveFailsStart() {
		runner().withBean(LockedServices.SkipPrimitive.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(failure(context.getStartupFailure()))
				.isInstanceOf(InvalidLockedMethodException.class)
				.hasMessageContaining("SkipPrimitive#method()")
				.hasMessageContaining("int");
		});
	}

	@Test
	void unknownModeFailsStart() {
		runner().withBean(LockedServices.UnknownMode.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(failure(context.getStartupFailure())).hasMessageContaining("sideways");
		});
	}

	static void runConcurrently(int threads, int times, ThrowingRunnable body) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < times; i++) {
						body.run();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The first InvalidLockedMethodException in the chain, else the deepest cause. */
	static Throwable failure(Throwable startupFailure) {
		Throwable current = startupFailure;
		while (current.getCause() != null && !(current instanceof InvalidLockedMethodException)) {
			current = current.getCause();
		}
		return current;
	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

}
