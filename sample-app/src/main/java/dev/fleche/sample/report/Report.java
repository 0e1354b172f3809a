package dev.fleche.sample.report;

import java.util.List;

/**
 * A yearly sales report.
 *
 * @param year the year
 * @param months sales per month
 * @param total the sum
 */
public record Report(int year, List<Month> months, long total) {

	/**
	 * Sales of one month.
	 *
	 * @param month 1 to 12
	 * @param sales the sales
	 */
	public record Month(int month, long sales) {
	}

}
