package dev.fleche.core.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test server starts, answers, survives a restart and terminates backends.
 */
class PostgresServerTest {

	@Test
	void sharedServerAnswersQueries() throws Exception {
		try (Connection connection = PostgresServer.shared().connect(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isGreaterThanOrEqualTo(170000);
		}
	}

	@Test
	void separateServerRestartsAndTerminatesBackends() throws Exception {
		try (PostgresServer server = PostgresServer.start()) {
			Connection victim = server.connect();
			victim.setClientInfo("ApplicationName", "victim");
			assertThat(server.terminateBackends("victim")).isEqualTo(1);
			assertThatThrownBy(() -> victim.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
			try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE survives (id int)");
			}
			server.restart();
			try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO survives VALUES (1)");
			}
		}
	}

}
