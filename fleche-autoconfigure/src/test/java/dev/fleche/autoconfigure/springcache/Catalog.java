package dev.fleche.autoconfigure.springcache;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/** A bean with Spring caching annotations, counting its real runs. */
public class Catalog {

	/** A value type read back from the store. */
	public record Item(String sku, List<String> tags) {
	}

	private final AtomicInteger runs = new AtomicInteger();

	@Cacheable("items")
	public Item item(String sku) {
		this.runs.incrementAndGet();
		return new Item(sku, List.of("tag-" + sku));
	}

	@Cacheable("item-lists")
	public List<Item> items(String prefix, int count) {
		this.runs.incrementAndGet();
		return java.util.stream.IntStream.range(0, count).mapToObj(i -> new Item(prefix + i, List.of())).toList();
	}

	@Cacheable("optional")
	public Optional<Item> find(String sku) {
		this.runs.incrementAndGet();
		return sku.isEmpty() ? Optional.empty() : Optional.of(new Item(sku, List.of()));
	}

	@Cacheable("nullable")
	public @Nullable Item nothing(String sku) {
		this.runs.incrementAndGet();
		return null;
	}

	@Cacheable(cacheNames = "async")
	public CompletableFuture<Item> later(String sku) {
		this.runs.incrementAndGet();
		return CompletableFuture.supplyAsync(() -> new Item(sku, List.of("async")));
	}

	@Cacheable(cacheNames = "synced", sync = true)
	public Item synced(String sku) {
		this.runs.incrementAndGet();
		return new Item(sku, List.of("sync"));
	}

	@CachePut(cacheNames = "items", key = "#item.sku")
	public Item update(Item item) {
		return item;
	}

	@CacheEvict(cacheNames = "items", allEntries = true)
	public void clearItems() {
	}

	public int runs() {
		return this.runs.get();
	}

}
