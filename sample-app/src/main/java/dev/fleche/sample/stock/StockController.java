package dev.fleche.sample.stock;

import java.util.regex.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /stock/{item}/add?amount=n} and {@code GET /stock/{item}}.
 */
@RestController
class StockController {

	private static final Pattern ITEM = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	private final StockService stock;

	StockController(StockService stock) {
		this.stock = stock;
	}

	@PostMapping("/stock/{item}/add")
	StockLevel add(@PathVariable String item, @RequestParam long amount) {
		return new StockLevel(item, this.stock.add(checked(item), amount));
	}

	@GetMapping("/stock/{item}")
	StockLevel get(@PathVariable String item) {
		return new StockLevel(item, this.stock.get(checked(item)));
	}

	private static String checked(String item) {
		if (!ITEM.matcher(item).matches()) {
			throw new InvalidItemException(item);
		}
		return item;
	}

	/**
	 * The stock of one item.
	 *
	 * @param item the item
	 * @param count the units in stock
	 */
	record StockLevel(String item, long count) {
	}

}
