package dev.fleche.autoconfigure.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs meter updates so that a failure never reaches the business call: the first failure is
 * logged as a warning, later ones at debug level so a broken registry cannot flood the log.
 */
final class SafeMetrics {

	private static final Log logger = LogFactory.getLog(SafeMetrics.class);

	private final AtomicBoolean warned = new AtomicBoolean();

	/** Runs {@code update}, logging and swallowing any failure. */
	void run(String meter, Runnable update) {
		try {
			update.run();
		}
		catch (RuntimeException | LinkageError ex) {
			if (this.warned.compareAndSet(false, true)) {
				logger.warn("Could not update meter '" + meter + "'; further failures are logged at debug level", ex);
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Could not update meter '" + meter + "'", ex);
			}
		}
	}

	/** Computes a gauge value, answering NaN on failure. */
	double gauge(String meter, DoubleSupplier value) {
		double[] result = { Double.NaN };
		run(meter, () -> result[0] = value.getAsDouble());
		return result[0];
	}

}
