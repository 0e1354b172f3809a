package dev.fleche.sample.stock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.stereotype.Component;

import dev.fleche.sample.SampleProperties;

/**
 * One plain file per item holding its stock count. Reading then writing is not atomic: two
 * unguarded updates can lose one, which is what the lock around {@link StockService} prevents,
 * also across processes sharing the directory.
 */
@Component
class StockLedger {

	private final Path directory;

	StockLedger(SampleProperties properties) {
		this.directory = properties.dataDir().resolve("stock");
	}

	long read(String item) {
		Path file = fileOf(item);
		try {
			return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the stock of '" + item + "' from " + file, ex);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("The stock file " + file + " of '" + item + "' does not hold a number", ex);
		}
	}

	void write(String item, long count) {
		Path file = fileOf(item);
		try {
			Files.createDirectories(this.directory);
			Path temporary = Files.createTempFile(this.directory, item, ".tmp");
			Files.writeString(temporary, Long.toString(count), StandardCharsets.UTF_8);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the stock of '" + item + "' to " + file, ex);
		}
	}

	private Path fileOf(String item) {
		return this.directory.resolve(item + ".count");
	}

}
