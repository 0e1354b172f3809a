package dev.fleche.sample.stock;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * An item name that is not 1 to 40 lowercase letters, digits or dashes.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidItemException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	InvalidItemException(String item) {
		super("Item names are 1 to 40 lowercase letters, digits or dashes, got '" + item + "'");
	}

}
