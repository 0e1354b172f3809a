package dev.fleche.sample.stock;

import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import dev.fleche.core.lock.LockService;
import dev.fleche.core.lock.ReadWriteLock;
import dev.fleche.sample.Guarded;
import dev.fleche.sample.SampleProperties;

/**
 * Stock per item. An update holds the item's write lock, a read its read lock: readers share, an
 * update is alone, and different items never wait for each other. The locks are disk locks, so
 * this also holds between processes sharing the directory.
 */
@Service
public class StockService {

	private static final Pattern ITEM = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	private final StockLedger ledger;

	private final LockService locks;

	private final SampleProperties properties;

	StockService(StockLedger ledger, LockService locks, SampleProperties properties) {
		this.ledger = ledger;
		this.locks = locks;
		this.properties = properties;
	}

	/**
	 * Adds {@code amount} (may be negative) to the stock of {@code item}.
	 * @return the new stock
	 */
	public long add(String item, long amount) {
		return Guarded.call(lockOf(item).write(), this.properties.lockTimeout(), () -> {
			long updated = Math.addExact(this.ledger.read(item), amount);
			this.ledger.write(item, updated);
			return updated;
		});
	}

	/** The stock of {@code item}, 0 if it never had any. */
	public long get(String item) {
		return Guarded.call(lockOf(item).read(), this.properties.lockTimeout(), () -> this.ledger.read(item));
	}

	private ReadWriteLock lockOf(String item) {
		if (!ITEM.matcher(item).matches()) {
			throw new InvalidItemException(item);
		}
		return this.locks.readWriteLock("stock:" + item);
	}

}
