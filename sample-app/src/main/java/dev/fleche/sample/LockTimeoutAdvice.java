package dev.fleche.sample;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.fleche.core.lock.LockTimeoutException;

/**
 * Answers 503 when a request waited too long for a lock.
 */
@RestControllerAdvice
class LockTimeoutAdvice {

	@ExceptionHandler(LockTimeoutException.class)
	@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
	String busy(LockTimeoutException ex) {
		return "Busy: waited too long for lock '" + ex.key() + "', try again";
	}

}
