package dev.fleche.core.digest;

/**
 * A type that says itself how it is digested; this wins over every built-in rule.
 * <p>
 * The object returned by {@link #digestContent()} is digested in its place, salted with this
 * object's class name, so two types with the same content still digest differently. Return
 * something with a stable canonical form: a record, a {@code List}, a {@code Map}, a string.
 * <p>
 * Deliberately not annotated {@code @FunctionalInterface}: Jackson treats a class that carries
 * any runtime annotation (its interfaces' included) as a bean even without properties, and would
 * silently store such a value as an empty object.
 */
public interface Digestible {

	/** The content that identifies this object; must not return {@code this}. */
	Object digestContent();

}
