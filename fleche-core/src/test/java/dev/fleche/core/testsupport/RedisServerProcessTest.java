package dev.fleche.core.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test Redis starts, answers, and restarts empty on the same port.
 */
class RedisServerProcessTest {

	@Test
	void sharedServerAnswersAndIsStartedOnce() {
		RedisServerProcess server = TestRedis.shared();
		assertThat(server.command("PING")).isEqualTo("+PONG");
		assertThat(TestRedis.shared()).isSameAs(server);
	}

	@Test
	void restartComesBackEmptyOnTheSamePort() {
		try (RedisServerProcess server = TestRedis.separate()) {
			int port = server.port();
			assertThat(server.command("SET", "k", "v")).isEqualTo("+OK");
			assertThat(server.command("EXISTS", "k")).isEqualTo(":1");
			server.restart();
			assertThat(server.port()).isEqualTo(port);
			assertThat(server.command("EXISTS", "k")).isEqualTo(":0");
			server.kill();
			assertThat(server.isRunning()).isFalse();
			server.resume();
			assertThat(server.command("PING")).isEqualTo("+PONG");
		}
	}

}
