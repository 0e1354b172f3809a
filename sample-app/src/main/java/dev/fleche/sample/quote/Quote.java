package dev.fleche.sample.quote;

/**
 * A price quote.
 *
 * @param symbol the ticker symbol
 * @param price the price in cents
 */
public record Quote(String symbol, long price) {
}
