package dev.fleche.autoconfigure.virtual;

import java.util.concurrent.atomic.AtomicInteger;

import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.Locked;

/** Methods that make virtual threads wait: a contended lock and a shared cache miss. */
public class VirtualThreadServices {

	private final AtomicInteger misses = new AtomicInteger();

	private int counter;

	@Locked(name = "vt.counter", waitTimeout = "60s")
	public void increment() throws InterruptedException {
		int read = this.counter;
		Thread.sleep(2);
		this.counter = read + 1;
	}

	@CachedCall(name = "vt.slow")
	public String slow(int key) throws InterruptedException {
		this.misses.incrementAndGet();
		Thread.sleep(300);
		return "value-" + key;
	}

	public int counter() {
		return this.counter;
	}

	public int misses() {
		return this.misses.get();
	}

}
