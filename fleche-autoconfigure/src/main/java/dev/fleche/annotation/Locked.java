package dev.fleche.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a method under a lock primitive. The lock's key is {@link #name()} followed by
 * {@code ':'} and the value of the {@link #key()} expression, if one is given.
 * <p>
 * Durations accept {@code 500ms}, {@code 5s}, ISO-8601 ({@code PT5S}) and {@code ${...}}
 * placeholders. Every attribute is checked at start-up: an invalid expression, an unknown mode, a
 * lease shorter than the wait, or {@link OnTimeout#SKIP} on a method returning a primitive fail the
 * application's start, naming the method. On a type, applies to every public method.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface Locked {

	/**
	 * SpEL over the method's arguments (by name, {@code #p0}, {@code #a0}), {@code #root.method},
	 * {@code #root.target} and beans ({@code @name}), such as {@code "#item.id"}. Empty: one lock
	 * for the method. A key that evaluates to {@code null} is an error.
	 * <p>
	 * Only simple scalars go into the key as text: a string, a character, a boolean, a standard
	 * number ({@code Byte} to {@code Double}, {@code BigInteger}, {@code BigDecimal}), an enum
	 * constant (its name), a {@code UUID} or a {@code java.time} value. Any other value (a record,
	 * a bean, a collection, an array) goes in as a short content digest, {@code #} and 16 hex
	 * digits of its canonical digest, never its {@code toString}: equal values share a lock, and
	 * an argument's fields (a password) never show in the lock key, the locks endpoint, a timeout
	 * message or a lock file. A value with no canonical digest is an error. Select a field for a
	 * readable key, such as {@code "#credentials.user"}.
	 */
	String key() default "";

	/** The lock name; defaults to the class and method name, such as {@code com.example.Stock#add}. */
	String name() default "";

	/** The primitive. */
	LockKind kind() default LockKind.MUTEX;

	/** The number of holders of a {@link LockKind#SEMAPHORE}. */
	int permits() default 1;

	/**
	 * The mode of a {@link LockKind#FIFO} lock: {@code mutex}, {@code read}, {@code write},
	 * {@code semaphore:<n>}, or the name of a {@code LockMode} bean.
	 */
	String mode() default "";

	/** How long to wait for the lock; empty for {@code fleche.lock.default-timeout}. */
	String waitTimeout() default "";

	/** How long a grant lives if not released; empty for {@code fleche.lock.default-lease}. */
	String lease() default "";

	/** What to do when the wait timeout passes. */
	OnTimeout onTimeout() default OnTimeout.THROW;

	/** The bean name of another {@code LockService} to use; empty for the default one. */
	String lockService() default "";

	/**
	 * For a method returning a {@code CompletableFuture} or {@code CompletionStage}: whether the
	 * lock is held until the future completes (normally, exceptionally or cancelled) instead of
	 * until the method returns. A {@code Mono} or {@code Flux} is always held until it terminates
	 * or is cancelled.
	 */
	boolean holdUntilComplete() default false;

}
