package dev.fleche.sample.report;

import java.util.List;

/**
 * A yearly sales report.
 *
 * @param year the year
 * @param months the sales of each month, January first
 * @param total the year's sales
 * @param computedAt when the report was computed (stays the same while it is served from the cache)
 */
public record Report(int year, List<MonthlySales> months, long total, String computedAt) {

	public Report {
		months = List.copyOf(months);
	}

	/**
	 * The sales of one month.
	 *
	 * @param month 1 to 12
	 * @param sales the units sold
	 */
	public record MonthlySales(int month, long sales) {
	}

}
