package dev.fleche.autoconfigure.redis;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * A Lettuce client built from the application's {@code spring.data.redis.*} properties, when the
 * application has no {@code LettuceConnectionFactory}: {@code url}, or {@code host}, {@code port},
 * {@code username}, {@code password}, {@code database}, {@code ssl.enabled}, {@code timeout},
 * {@code client-name}.
 */
final class RedisClients {

	private RedisClients() {
	}

	static RedisClient fromEnvironment(Environment environment) {
		Binder binder = Binder.get(environment);
		String url = binder.bind("spring.data.redis.url", String.class).orElse(null);
		RedisURI uri;
		if (url != null && !url.isBlank()) {
			uri = RedisURI.create(url);
		}
		else {
			uri = new RedisURI(binder.bind("spring.data.redis.host", String.class).orElse("localhost"),
					binder.bind("spring.data.redis.port", Integer.class).orElse(6379), Duration.ofSeconds(60));
			String password = binder.bind("spring.data.redis.password", String.class).orElse(null);
			String username = binder.bind("spring.data.redis.username", String.class).orElse(null);
			if (password != null) {
				if (username != null) {
					uri.setAuthentication(username, password.toCharArray());
				}
				else {
					uri.setAuthentication(password.toCharArray());
				}
			}
			uri.setDatabase(binder.bind("spring.data.redis.database", Integer.class).orElse(0));
			uri.setSsl(binder.bind("spring.data.redis.ssl.enabled", Boolean.class).orElse(false));
		}
		binder.bind("spring.data.redis.timeout", Duration.class).ifBound(uri::setTimeout);
		binder.bind("spring.data.redis.client-name", String.class).ifBound(uri::setClientName);
		return RedisClient.create(uri);
	}

}
