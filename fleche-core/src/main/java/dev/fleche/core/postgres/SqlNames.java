package dev.fleche.core.postgres;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A schema and a table-name prefix, validated so they can be put into SQL as they are: lowercase
 * letters, digits and underscores, starting with a letter or underscore, at most 40 characters.
 * Anything else (quotes, spaces, semicolons, upper case) is rejected, so no name can inject SQL.
 *
 * @param schema the schema, such as {@code public}
 * @param prefix the prefix of every table, function and channel name, such as {@code fleche_lock}
 */
public record SqlNames(String schema, String prefix) {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

	public SqlNames {
		check("schema", schema);
		check("table prefix", prefix);
	}

	/**
	 * Checks one identifier.
	 * @param what what the name is for, for the message
	 * @param name the name
	 * @return the name
	 * @throws IllegalArgumentException naming the problem if the name is not a plain identifier
	 */
	public static String check(String what, String name) {
		Objects.requireNonNull(name, what);
		if (!IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid PostgreSQL " + what + " '" + name + "': use 1 to 40 lowercase "
					+ "letters, digits and underscores, starting with a letter or underscore"
					+ (name.toLowerCase(Locale.ROOT).equals(name) ? "" : " (upper case is not allowed)"));
		}
		return name;
	}

	/** The qualified name of {@code prefix_suffix}. */
	public String qualified(String suffix) {
		return this.schema + "." + this.prefix + "_" + suffix;
	}

	/** {@code prefix_suffix}, unqualified (for index and channel names). */
	public String local(String suffix) {
		return this.prefix + "_" + suffix;
	}

}
