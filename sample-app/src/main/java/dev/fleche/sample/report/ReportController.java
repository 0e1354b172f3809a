package dev.fleche.sample.report;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /reports/{year}}.
 */
@RestController
class ReportController {

	private final ReportService reports;

	ReportController(ReportService reports) {
		this.reports = reports;
	}

	@GetMapping("/reports/{year}")
	Report yearly(@PathVariable int year) {
		return this.reports.yearly(year);
	}

}
