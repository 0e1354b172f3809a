package dev.fleche.sample.stock;

import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import dev.fleche.annotation.LockKind;
import dev.fleche.annotation.Locked;

/**
 * Stock per item. An update holds the write side of the item's read/write lock
 * {@code stock:<item>}, a read its read side: readers share, an update is alone, and different
 * items never wait for each other. The locks are disk locks, so this also holds between processes
 * sharing the directory.
 */
@Service
public class StockService {

	private static final Pattern ITEM = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	private final StockLedger ledger;

	StockService(StockLedger ledger) {
		this.ledger = ledger;
	}

	/**
	 * Adds {@code amount} (may be negative) to the stock of {@code item}.
	 * @return the new stock
	 */
	@Locked(name = "stock", key = "#item", kind = LockKind.WRITE, waitTimeout = "5s")
	public long add(String item, long amount) {
		checkItem(item);
		long updated = Math.addExact(this.ledger.read(item), amount);
		this.ledger.write(item, updated);
		return updated;
	}

	/** The stock of {@code item}, 0 if it never had any. */
	@Locked(name = "stock", key = "#item", kind = LockKind.READ, waitTimeout = "5s")
	public long get(String item) {
		checkItem(item);
		return this.ledger.read(item);
	}

	/**
	 * Rejects an item name that is not a safe file name. Checked inside the lock: the name is
	 * only a lock key until then, and a lock key is never a path.
	 */
	private static void checkItem(String item) {
		if (!ITEM.matcher(item).matches()) {
			throw new InvalidItemException(item);
		}
	}

}
