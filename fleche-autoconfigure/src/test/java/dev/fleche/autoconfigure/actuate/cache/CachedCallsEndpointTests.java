package dev.fleche.autoconfigure.actuate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fleche.autoconfigure.cache.FlecheCacheAutoConfiguration;
import dev.fleche.autoconfigure.lock.FlecheLockAutoConfiguration;
import dev.fleche.autoconfigure.storage.FlecheStorageAutoConfiguration;
import dev.fleche.core.cache.CachedCalls;
import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.testing.TickingClock;
import tools.jackson.databind.json.JsonMapper;

class CachedCallsEndpointTests {

	private static final String SECRET_ARGUMENT = "argument-4c6f-secret";

	private static final String SECRET_RESULT = "result-9e2a-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private final TickingClock clock = new TickingClock();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlecheStorageAutoConfiguration.class,
					FlecheLockAutoConfiguration.class, FlecheCacheAutoConfiguration.class,
					FlecheCachedCallsEndpointAutoConfiguration.class))
			.withPropertyValues("fleche.storage.path=" + this.directory, "fleche.lock.backend=local",
					"management.endpoints.web.exposure.include=cachedcalls")
			.withBean(Clock.class, () -> this.clock);
	}

	private static CallSpec report(int year, Duration expireAfter) {
		Map<String, Object> arguments = new LinkedHashMap<>();
		arguments.put("year", year);
		arguments.put("owner", SECRET_ARGUMENT);
		return new CallSpec("com.example.Reports#yearly(int,String)", "1", arguments, String.class, expireAfter);
	}

	private static CallSpec square(int x) {
		return new CallSpec("com.example.Maths#square(int)", "2", Map.of("x", x), Integer.class);
	}

	@Test
	void listsFunctionsWithCountsSizesHitsAndMissesAndNeverAValue() {
		runner().run(context -> {
			CallCache cache = context.getBean(CallCache.class);
			cache.call(report(2025, Duration.ofDays(1)), () -> SECRET_RESULT);
			this.clock.advance(Duration.ofMinutes(1));
			cache.call(report(2026, Duration.ofDays(1)), () -> SECRET_RESULT + "-2");
			cache.call(report(2026, Duration.ofDays(1)), () -> SECRET_RESULT + "-2");
			cache.call(square(7), () -> 49);
			CachedCallsEndpoint endpoint = context.getBean(CachedCallsEndpoint.class);
			FunctionsDescriptor functions = endpoint.functions();
			assertThat(functions.functions()).extracting(FunctionDescriptor::name)
				.containsExactly("com.example.Maths#square(int)", "com.example.Reports#yearly(int,String)");
			FunctionDescriptor reports = functions.functions().get(1);
			assertThat(reports.calls()).isEqualTo(2);
			assertThat(reports.hits()).isEqualTo(1);
			assertThat(reports.misses()).isEqualTo(2);
			assertThat(reports.storedBytes()).isGreaterThan(2L * SECRET_RESULT.length());
			assertThat(reports.oldest()).isEqualTo(this.clock.instant().minus(Duration.ofMinutes(1)));
			assertThat(reports.newest()).isEqualTo(this.clock.instant());
			String json = JSON.writeValueAsString(functions);
			assertThat(json).doesNotContain(SECRET_RESULT).doesNotContain(SECRET_ARGUMENT);
		});
	}

	@Test
	void listsOneFunctionsCallsAndOneCallByPrefixWithoutValues() {
		runner().run(context -> {
			CallCache cache = context.getBean(CallCache.class);
			cache.call(report(2025, Duration.ofDays(1)), () -> SECRET_RESULT);
			cache.call(report(2025, Duration.ofDays(1)), () -> SECRET_RESULT);
			CachedCallsEndpoint endpoint = context.getBean(CachedCallsEndpoint.class);
			FunctionCallsDescriptor calls = (FunctionCallsDescriptor) endpoint.select("function",
					new String[] { "com.example.Reports#yearly(int,String)" });
			assertThat(calls.calls()).hasSize(1);
			CallDescriptor call = calls.calls().get(0);
			assertThat(call.arguments()).containsExactly("year", "owner");
			assertThat(call.version()).isEqualTo("1");
			assertThat(call.created()).isEqualTo(this.clock.instant());
			assertThat(call.lastHit()).isEqualTo(this.clock.instant());
			assertThat(call.expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofDays(1)));
			assertThat(call.key()).startsWith(call.shortKey()).hasSize(64);
			CallDescriptor byPrefix = (CallDescriptor) endpoint.select("call", new String[] { call.shortKey() });
			assertThat(byPrefix).isEqualTo(call);
			String json = JSON.writeValueAsString(calls) + JSON.writeValueAsString(byPrefix);
			assertThat(json).doesNotContain(SECRET_RESULT).doesNotContain(SECRET_ARGUMENT);
			CachedCalls cached = context.getBean(CachedCalls.class);
			String argumentDigest = cached.load(call.key()).arguments().get("owner").hex();
			String resultDigest = cached.load(call.key()).result().hex();
			assertThat(json).doesNotContain(argumentDigest).doesNotContain(resultDigest);
			assertThat(endpoint.select("function", new String[] { "unknown" })).isNull();
			assertThat(endpoint.select("call", new String[] { "ffff" })).isNull();
			assertThatThrownBy(() -> endpoint.select("calls", new String[] { "ffff" }))
				.isInstanceOf(InvalidEndpointRequestException.class);
			assertThatThrownBy(() -> endpoint.select("call", new String[] { "ab" }))
				.isInstanceOf(InvalidEndpointRequestException.class);
		});
	}

	@Test
	void expiredCallsAreNotShown() {
		runner().run(context -> {
			CallCache cache = context.getBean(CallCache.class);
			cache.call(report(2025, Duration.ofHours(1)), () -> SECRET_RESULT);
			this.clock.advance(Duration.ofHours(1));
			CachedCallsEndpoint endpoint = context.getBean(CachedCallsEndpoint.class);
			assertThat(endpoint.functions().functions()).singleElement().satisfies(function -> {
				assertThat(function.calls()).isZero();
				assertThat(function.misses()).isEqualTo(1);
				assertThat(function.oldest()).isNull();
			});
			assertThat(endpoint.select("function", new String[] { "com.example.Reports#yearly(int,String)" })).isNull();
		});
	}

	@Test
	void deleteEvictsByPrefixOrByFunction() {
		runner().run(context -> {
			CallCache cache = context.getBean(CallCache.class);
			cache.call(report(2025, null), () -> SECRET_RESULT);
			cache.call(report(2026, null), () -> SECRET_RESULT);
			cache.call(square(3), () -> 9);
			cache.call(square(4), () -> 16);
			CachedCallsEndpoint endpoint = context.getBean(CachedCallsEndpoint.class);
			CachedCalls cached = context.getBean(CachedCalls.class);
			String key = cached.ofFunction("com.example.Maths#square(int)").get(0).key().hex();
			EvictionDescriptor one = endpoint.evict("call", new String[] { key.substring(0, 10) });
			assertThat(one.keys()).containsExactly(key);
			assertThat(cached.ofFunction("com.example.Maths#square(int)")).hasSize(1);
			EvictionDescriptor all = endpoint.evict("function", new String[] { "com.example.Reports#yearly(int,String)" });
			assertThat(all.evicted()).isEqualTo(2);
			assertThat(cached.list()).hasSize(1);
			assertThat(endpoint.evict("call", new String[] { key })).isEqualTo(new EvictionDescriptor(0, java.util.List.of()));
		});
	}

	@Test
	void endpointIsAbsentWhenNotExposedOrWithoutActuatorOrCache() {
		runner().withPropertyValues("management.endpoints.web.exposure.include=health")
			.run(context -> assertThat(context).doesNotHaveBean(CachedCallsEndpoint.class));
		runner().withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run(context -> assertThat(context).doesNotHaveBean(CachedCallsEndpoint.class));
		runner().withPropertyValues("fleche.cache.enabled=false")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CachedCallsEndpoint.class));
	}

}
