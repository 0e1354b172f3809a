package dev.fleche.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Memoizes a method persistently: a call whose function, version and arguments were seen before
 * returns the stored result, deserialized into the method's declared generic return type; otherwise
 * the method runs and its arguments, result and a call record are stored.
 * <p>
 * Arguments are bound by parameter name (compile with {@code -parameters}); leave one out of the key
 * with {@link CacheIgnore} or {@link #ignore()}. Exceptions are never cached; a {@code null} result
 * is cached like any value; a {@code CompletableFuture} result is cached once it completes normally.
 * Concurrent misses of one key run the method once, across processes too when the lock backend is
 * shared. A store that cannot be read or written never breaks the call: the method runs.
 * On a type, applies to every public method.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface CachedCall {

	/**
	 * The {@link #version()} that derives the version from a digest of the method's own bytecode,
	 * so editing the method's body misses. It does not see the methods it calls (a change in a
	 * helper, a library or a lambda's body keeps the version), nor constants inlined from other
	 * classes at their declaration site; bump an explicit version for those.
	 */
	String CODE = "<code>";

	/**
	 * The version of the method's behaviour; change it to stop hitting results of the old one, or
	 * use {@link #CODE}. The shape of the declared result type is part of the key besides.
	 */
	String version() default "1";

	/**
	 * How long a stored result is served: {@code "7d"}, {@code "12h"}, {@code "PT30M"} or a
	 * {@code ${placeholder}}; {@code "never"} for ever. Empty: {@code fleche.cache.expire-after}.
	 * {@code fleche.cache.functions.<name>.expire-after} overrides it.
	 */
	String expireAfter() default "";

	/**
	 * The function's identity in the store; defaults to the class name, method name and
	 * parameter types, such as {@code com.example.Reports#monthly(int,String)}.
	 */
	String name() default "";

	/** Names of parameters left out of the key. */
	String[] ignore() default {};

}
