package dev.fleche.autoconfigure.startup;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.fleche.annotation.CachedCall;
import dev.fleche.annotation.Locked;

/** Beans declared wrong in ways the start-up checks report. */
final class StartupBeans {

	private StartupBeans() {
	}

	static class PrivateCached {

		public String entry() {
			return hidden();
		}

		@CachedCall
		private String hidden() {
			return "x";
		}

	}

	static class FinalLocked {

		@Locked
		public final String work() {
			return "x";
		}

	}

	static class SelfCalling {

		public String outer(int n) {
			return inner(n);
		}

		@CachedCall
		public String inner(int n) {
			return "v" + n;
		}

	}

	static class UnknownKeyVariable {

		@Locked(key = "#orderId")
		public void ship(String id) {
		}

	}

	static class KnownKeyVariables {

		@Locked(key = "#id + #p0 + #a1 + #root.method.name + #count")
		public void ship(String id, int count) {
		}

	}

	static class StreamResult {

		@CachedCall
		public Stream<String> names() {
			return Stream.of("a");
		}

	}

	static class IteratorResult {

		@CachedCall
		public Iterator<String> names() {
			return List.of("a").iterator();
		}

	}

	static class FutureOfStream {

		@CachedCall
		public CompletableFuture<Stream<String>> names() {
			return CompletableFuture.completedFuture(Stream.of("a"));
		}

	}

}
