package dev.fleche.core.cache;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This host's name, for call metadata.
 */
final class HostName {

	private HostName() {
	}

	static String local() {
		String fromEnvironment = System.getenv("HOSTNAME");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
