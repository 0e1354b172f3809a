package dev.fleche.autoconfigure.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import dev.fleche.core.lock.LockListener;
import dev.fleche.core.lock.LockMode;
import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.LockState;

/**
 * Micrometer meters of one {@link LockService}, fed by its listener:
 * <ul>
 * <li>{@code fleche.lock.wait} (timer): how long granted requests waited; tags {@code backend},
 * {@code mode}, {@code contended} ({@code true}|{@code false});</li>
 * <li>{@code fleche.lock.held} (timer): how long grants were held until released; tags
 * {@code backend}, {@code mode};</li>
 * <li>{@code fleche.lock.timeouts} (counter): requests that gave up, were cancelled or interrupted;
 * tags {@code backend}, {@code mode};</li>
 * <li>{@code fleche.lock.active} (gauge): grants held now, over all keys; tag {@code backend};</li>
 * <li>{@code fleche.lock.waiting} (gauge): requests waiting now, over all keys; tag
 * {@code backend}.</li>
 * </ul>
 * Keys are never tags (a key per item id would grow without bound); mode names are bounded by the
 * application's code. A meter failure is logged and never reaches the caller that acquires.
 */
public final class LockMeters implements LockListener {

	/** Name of the wait timer. */
	public static final String WAIT = "fleche.lock.wait";

	/** Name of the hold timer. */
	public static final String HELD = "fleche.lock.held";

	/** Name of the timeout counter. */
	public static final String TIMEOUTS = "fleche.lock.timeouts";

	/** Name of the gauge of grants held. */
	public static final String ACTIVE = "fleche.lock.active";

	/** Name of the gauge of requests waiting. */
	public static final String WAITING = "fleche.lock.waiting";

	private final MeterRegistry registry;

	private final Tags backend;

	private final SafeMetrics safe = new SafeMetrics();

	private final Map<String, Timer> waitTimers = new ConcurrentHashMap<>();

	private final Map<String, Timer> heldTimers = new ConcurrentHashMap<>();

	private final Map<String, Counter> timeoutCounters = new ConcurrentHashMap<>();

	private LockMeters(MeterRegistry registry, String backendName) {
		this.registry = registry;
		this.backend = Tags.of("backend", backendName);
	}

	/**
	 * Registers the meters of {@code service} in {@code registry} and listens to the service.
	 * @return the meters, registered as a listener of the service
	 */
	public static LockMeters bindTo(LockService service, MeterRegistry registry) {
		LockMeters meters = new LockMeters(registry, service.backendName());
		meters.registerGauges(service);
		for (LockMode mode : new LockMode[] { LockMode.MUTEX, LockMode.READ, LockMode.WRITE }) {
			meters.safe.run(TIMEOUTS, () -> meters.timeoutCounter(mode.name()));
		}
		service.addListener(meters);
		return meters;
	}

	private void registerGauges(LockService service) {
		this.safe.run(ACTIVE, () -> Gauge
			.builder(ACTIVE, service, (s) -> this.safe.gauge(ACTIVE, () -> s.states().stream().mapToInt((state) -> state.holders().size()).sum()))
			.tags(this.backend)
			.description("Lock grants held now")
			.register(this.registry));
		this.safe.run(WAITING, () -> Gauge
			.builder(WAITING, service, (s) -> this.safe.gauge(WAITING, () -> s.states().stream().mapToInt(LockState::queueLength).sum()))
			.tags(this.backend)
			.description("Lock requests waiting now")
			.register(this.registry));
	}

	@Override
	public void acquired(String key, LockMode mode, long token, long waitNanos, boolean contended) {
		this.safe.run(WAIT, () -> this.waitTimers
			.computeIfAbsent(mode.name() + (contended ? "/c" : "/u"),
					(name) -> Timer.builder(WAIT)
						.tags(this.backend)
						.tag("mode", mode.name())
						.tag("contended", Boolean.toString(contended))
						.description("Time lock requests waited until granted")
						.register(this.registry))
			.record(Math.max(0, waitNanos), TimeUnit.NANOSECONDS));
	}

	@Override
	public void released(String key, LockMode mode, long heldNanos) {
		this.safe.run(HELD, () -> this.heldTimers
			.computeIfAbsent(mode.name(),
					(name) -> Timer.builder(HELD)
						.tags(this.backend)
						.tag("mode", name)
						.description("Time lock grants were held until released")
						.register(this.registry))
			.record(Duration.ofNanos(Math.max(0, heldNanos))));
	}

	@Override
	public void timedOut(String key, LockMode mode, long waitNanos) {
		this.safe.run(TIMEOUTS, () -> timeoutCounter(mode.name()).increment());
	}

	private Counter timeoutCounter(String modeName) {
		return this.timeoutCounters.computeIfAbsent(modeName,
				(name) -> Counter.builder(TIMEOUTS)
					.tags(this.backend)
					.tag("mode", name)
					.description("Lock requests that gave up (a zero-timeout skip included), were cancelled or interrupted")
					.register(this.registry));
	}

}
