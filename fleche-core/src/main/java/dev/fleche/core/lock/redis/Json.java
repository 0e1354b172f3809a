package dev.fleche.core.lock.redis;

import java.util.Set;

/**
 * The JSON a request carries to the scripts: its mode and tags.
 */
final class Json {

	private Json() {
	}

	static String modeAndTags(String mode, Set<String> tags) {
		StringBuilder json = new StringBuilder(32 + mode.length()).append("{\"m\":");
		string(json, mode);
		json.append(",\"g\":[");
		boolean first = true;
		for (String tag : tags) {
			if (!first) {
				json.append(',');
			}
			string(json, tag);
			first = false;
		}
		return json.append("]}").toString();
	}

	private static void string(StringBuilder json, String value) {
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || c == 0x7f) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

}
