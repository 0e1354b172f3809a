package dev.fleche.core.lock.support;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.fleche.core.lock.Averager;
import dev.fleche.core.lock.BoundedSemaphore;
import dev.fleche.core.lock.FifoLock;
import dev.fleche.core.lock.Lock;
import dev.fleche.core.lock.LockException;
import dev.fleche.core.lock.LockListener;
import dev.fleche.core.lock.LockOptions;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockState;
import dev.fleche.core.lock.RLock;
import dev.fleche.core.lock.ReadWriteLock;
import dev.fleche.core.lock.spi.KeyQueue;
import dev.fleche.core.lock.spi.LockBackend;
import dev.fleche.core.text.SafeText;

/**
 * The lock service over any {@link LockBackend}: every primitive is a view on the backend's
 * queue of its key, in its own mode. Create one with {@link LockServices}.
 */
public final class DefaultLockService implements LockService {

	private final LockBackend backend;

	private final Listeners listeners = new Listeners();

	private final HandleRegistry registry = new HandleRegistry();

	private final ThreadHolds holds = new ThreadHolds();

	/** A service on {@code backend}; closing the service closes the backend. */
	public DefaultLockService(LockBackend backend) {
		this.backend = Objects.requireNonNull(backend, "backend");
	}

	@Override
	public String backendName() {
		return this.backend.name();
	}

	@Override
	public Lock lock(String key, LockOptions options) {
		return new MutexLock(queue(key), options, this.listeners, this.registry);
	}

	@Override
	public RLock rlock(String key, LockOptions options) {
		return new ReentrantMutex(queue(key), options, this.listeners, this.registry);
	}

	@Override
	public ReadWriteLock readWriteLock(String key, LockOptions options) {
		return new ReadWritePrimitive(queue(key), options, this.listeners, this.holds);
	}

	@Override
	public BoundedSemaphore semaphore(String key, int permits, LockOptions options) {
		if (permits < 1) {
			throw new LockException(key, "Semaphore '" + key + "' needs at least 1 permit, got " + permits);
		}
		return new SemaphorePrimitive(queue(key), permits, options, this.listeners, this.registry);
	}

	@Override
	public FifoLock fifo(String key, LockOptions options) {
		return new FifoPrimitive(queue(key), options, this.listeners, this.holds);
	}

	@Override
	public Averager averager(String key) {
		return new BackendAverager(this.backend, checkKey(key));
	}

	@Override
	public Optional<LockState> state(String key) {
		return this.backend.states().stream().filter((state) -> state.key().equals(key)).findFirst();
	}

	@Override
	public List<LockState> states() {
		return this.backend.states();
	}

	@Override
	public int releaseTagged(String tag) {
		return this.backend.releaseTagged(tag);
	}

	@Override
	public void addListener(LockListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/** The backend this service runs on. */
	public LockBackend backend() {
		return this.backend;
	}

	/** Handles registered for release without a handle; 0 once every grant is released. */
	int registeredHandles() {
		return this.registry.size();
	}

	@Override
	public void close() {
		this.backend.close();
	}

	private KeyQueue queue(String key) {
		return this.backend.queue(checkKey(key));
	}

	private static String checkKey(String key) {
		if (key == null || key.isBlank()) {
			throw new LockException(String.valueOf(key), "A lock key must not be blank, got " + SafeText.quote(key));
		}
		return key;
	}

	@Override
	public String toString() {
		return "DefaultLockService[" + this.backend.name() + "]";
	}

}
