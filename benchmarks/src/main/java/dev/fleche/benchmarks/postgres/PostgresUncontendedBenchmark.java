package dev.fleche.benchmarks.postgres;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.fleche.core.lock.LockHandle;

/**
 * Uncontended acquire + release on one PostgreSQL server, one thread: our backend (one server
 * function call each way), Spring Integration's {@code JdbcLockRegistry} and ShedLock's JDBC
 * provider, in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PostgresUncontendedBenchmark {

	private PostgresPeers peers;

	private dev.fleche.core.lock.Lock fleche;

	private Lock registry;

	private JdbcTemplateLockProvider shedLock;

	private javax.sql.DataSource pool;

	/** Starts the server and opens every lock on it. */
	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.peers = new PostgresPeers();
		this.fleche = this.peers.fleche().lock("uncontended");
		this.registry = this.peers.jdbcLockRegistry().obtain("uncontended");
		this.shedLock = this.peers.shedLock();
		this.pool = this.peers.pool(2);
	}

	/** Closes everything and stops the server. */
	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.peers.close();
	}

	/** The floor: one {@code SELECT 1} round trip on a pooled connection. */
	@Benchmark
	public int selectOne() throws java.sql.SQLException {
		try (java.sql.Connection connection = this.pool.getConnection();
				java.sql.PreparedStatement statement = connection.prepareStatement("SELECT 1");
				java.sql.ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** Ours. */
	@Benchmark
	public long fleche() throws InterruptedException {
		LockHandle handle = this.fleche.acquire();
		long token = handle.token();
		handle.release();
		return token;
	}

	/** Spring Integration's JdbcLockRegistry. */
	@Benchmark
	public void jdbcLockRegistry() {
		PostgresPeers.lockAndUnlock(this.registry);
	}

	/** ShedLock's JDBC provider (lockAtLeastFor zero, so unlock frees it). */
	@Benchmark
	public void shedLock() {
		this.shedLock.lock(new LockConfiguration(Instant.now(), "uncontended", PostgresPeers.AT_MOST, java.time.Duration.ZERO))
			.orElseThrow()
			.unlock();
	}

}
