package dev.fleche.autoconfigure.observation;

import java.util.concurrent.CompletableFuture;

import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.Locked;
import dev.fleche.annotation.OnTimeout;

/** A bean with locked and cached methods to observe. */
public class ObservedBeans {

	@Locked(name = "stock", key = "#sku")
	public String reserve(String sku) {
		return "reserved " + sku;
	}

	@Locked(name = "stock", key = "#sku")
	public String failingReserve(String sku) {
		throw new IllegalStateException("no stock");
	}

	@Locked(name = "busy", waitTimeout = "0s", onTimeout = OnTimeout.SKIP)
	public String skipped() {
		return "ran";
	}

	@CachedCall(name = "price")
	public int price(String sku) {
		return sku.length();
	}

	@CachedCall(name = "failing-price")
	public int failingPrice(String sku) {
		throw new IllegalArgumentException("unknown " + sku);
	}

	@CachedCall(name = "later")
	public CompletableFuture<Integer> later(String sku) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return sku.length();
		});
	}

}
