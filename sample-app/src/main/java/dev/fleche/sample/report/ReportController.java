package dev.fleche.sample.report;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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
	Report report(@PathVariable int year) {
		if (year < 1900 || year > 2100) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "year must be between 1900 and 2100, got " + year);
		}
		return this.reports.yearly(year);
	}

}
