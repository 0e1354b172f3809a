package dev.fleche.sample.quote;

import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /quotes/{symbol}}.
 */
@RestController
class QuoteController {

	private final QuoteService quotes;

	QuoteController(QuoteService quotes) {
		this.quotes = quotes;
	}

	@GetMapping("/quotes/{symbol}")
	Quote quote(@PathVariable String symbol) {
		return this.quotes.quote(symbol.toUpperCase(Locale.ROOT));
	}

}
