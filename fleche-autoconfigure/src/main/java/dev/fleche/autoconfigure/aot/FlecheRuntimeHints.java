package dev.fleche.autoconfigure.aot;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

import dev.fleche.annotation.CacheIgnore;
import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.LockKind;
import dev.fleche.annotation.Locked;
import dev.fleche.annotation.OnTimeout;
import dev.fleche.autoconfigure.actuate.HolderDescriptor;
import dev.fleche.autoconfigure.actuate.LockDescriptor;
import dev.fleche.autoconfigure.actuate.LocksDescriptor;
import dev.fleche.autoconfigure.actuate.WaitDescriptor;
import dev.fleche.autoconfigure.lock.LockedOperation;
import dev.fleche.core.call.Call;
import dev.fleche.core.digest.Digest;

/**
 * Hints for what Fleche reads reflectively whatever the application: its annotations, the root
 * object of key expressions, the {@code locks} endpoint's descriptors and call records (written
 * as JSON), and the SQLite driver's class and bundled native libraries. The application's own
 * annotated beans get theirs from {@link FlecheBeanRegistrationAotProcessor}.
 */
public final class FlecheRuntimeHints implements RuntimeHintsRegistrar {

	private static final BindingReflectionHintsRegistrar BINDING = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (Class<?> annotation : new Class<?>[] { CachedCall.class, Locked.class, CacheIgnore.class }) {
			hints.reflection().registerType(annotation, MemberCategory.INVOKE_DECLARED_METHODS);
		}
		hints.reflection().registerType(LockKind.class, MemberCategory.ACCESS_PUBLIC_FIELDS);
		hints.reflection().registerType(OnTimeout.class, MemberCategory.ACCESS_PUBLIC_FIELDS);
		hints.reflection().registerType(LockedOperation.Root.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		BINDING.registerReflectionHints(hints.reflection(), LocksDescriptor.class, LockDescriptor.class,
				HolderDescriptor.class, WaitDescriptor.class, Call.class, Digest.class);
		hints.reflection().registerType(TypeReference.of("org.sqlite.JDBC"), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		hints.resources().registerPattern("org/sqlite/native/*/*/*");
		hints.resources().registerPattern("sqlite-jdbc.properties");
	}

}
