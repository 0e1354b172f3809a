package dev.fleche.core.cache.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fleche.core.cache.CallCache;
import dev.fleche.core.cache.CallSpec;
import dev.fleche.core.call.Call;
import dev.fleche.core.call.CallTemplate;
import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.serial.SerializationException;
import dev.fleche.core.storage.CallStorage;
import dev.fleche.core.storage.ValueStorage;
import dev.fleche.core.storage.memory.MemoryStorage;

class ResultShapeTest {

	public record Line(String item, int amount) {
	}

	public record Page<T>(List<T> items, Optional<String> next) {
	}

	public enum Colour {
		RED, GREEN
	}

	public static class Bean {

		public String getName() {
			return "";
		}

		public boolean isActive() {
			return true;
		}

		public Bean getParent() {
			return this;
		}

	}

	public record R0(R1 next) {
	}

	public record R1(R2 next) {
	}

	public record R2(R3 next) {
	}

	public record R3(R4 next) {
	}

	public record R4(R5 next) {
	}

	public record R5(R6 next) {
	}

	public record R6(R7 next) {
	}

	public record R7(R8 next) {
	}

	public record R8(R9 next) {
	}

	public record R9(R10 next) {
	}

	public record R10(R11 next) {
	}

	public record R11(String end) {
	}

	public record Node(String label, List<Node> children) {
	}

	@TempDir
	Path directory;

	private static Type listOf(Class<?> element) throws NoSuchMethodException {
		return Holder.class.getMethod("lines").getGenericReturnType();
	}

	interface Holder {

		List<Line> lines();

		Page<Line> page();

		Map<String, Colour> colours();

	}

	@Test
	void describesRecordsBeansEnumsAndGenericArguments() throws Exception {
		assertThat(ResultShape.describe(Holder.class.getMethod("page").getGenericReturnType()))
			.isEqualTo(Page.class.getName() + "(items:java.util.List<" + Line.class.getName()
					+ "(item:java.lang.String,amount:int)>,next:java.util.Optional<java.lang.String>)<"
					+ Line.class.getName() + "(item:java.lang.String,amount:int)>");
		assertThat(ResultShape.describe(Holder.class.getMethod("colours").getGenericReturnType()))
			.isEqualTo("java.util.Map<java.lang.String," + Colour.class.getName() + "{RED,GREEN}>");
		assertThat(ResultShape.describe(Bean.class)).isEqualTo(Bean.class.getName() + "{active:boolean,name:java.lang.String,parent:"
				+ Bean.class.getName() + "}");
		assertThat(ResultShape.describe(Node.class)).isEqualTo(
				Node.class.getName() + "(label:java.lang.String,children:java.util.List<" + Node.class.getName() + ">)");
	}

	@Test
	void jdkTypesAreNotStructured() throws Exception {
		assertThat(ResultShape.isStructured(String.class)).isFalse();
		assertThat(ResultShape.isStructured(int[].class)).isFalse();
		assertThat(ResultShape.isStructured(Map.class)).isFalse();
		assertThat(ResultShape.isStructured(listOf(Line.class))).isTrue();
		assertThat(new ShapedVersions().version("2", String.class)).isEqualTo("2");
		assertThat(new ShapedVersions().version("2", Line.class)).matches("2;shape=[0-9a-f]{12}");
	}

	@Test
	void depthIsBounded() {
		String shape = ResultShape.describe(R0.class);
		assertThat(shape.chars().filter(c -> c == '(').count()).isEqualTo(ResultShape.MAX_DEPTH);
		assertThat(shape).contains(R8.class.getName()).doesNotContain(R9.class.getName()).doesNotContain("end");
	}

	@Test
	void addingAComponentToTheResultRecordMisses() throws Throwable {
		Class<?> v1 = RecordCompiler.compile(this.directory.resolve("v1"), "shapes.Row",
				"package shapes; public record Row(String name) {}");
		Class<?> v2 = RecordCompiler.compile(this.directory.resolve("v2"), "shapes.Row",
				"package shapes; public record Row(String name, Integer amount) {}");
		ValueStorage values = MemoryStorage.values();
		CallStorage calls = MemoryStorage.calls();
		CallCache cache = CallCache.builder(values, calls).build();
		AtomicInteger runs = new AtomicInteger();
		Object first = cache.call(new CallSpec("test#row", "1", Map.of("id", 1), v1), () -> {
			runs.incrementAndGet();
			return v1.getConstructors()[0].newInstance("a");
		});
		Object hit = cache.call(new CallSpec("test#row", "1", Map.of("id", 1), v1), () -> {
			throw new AssertionError("a hit was expected");
		});
		assertThat(hit).isEqualTo(first);
		Object second = cache.call(new CallSpec("test#row", "1", Map.of("id", 1), v2), () -> {
			runs.incrementAndGet();
			return v2.getConstructors()[0].newInstance("a", 7);
		});
		assertThat(runs).hasValue(2);
		assertThat(second.toString()).isEqualTo("Row[name=a, amount=7]");
		assertThat(calls.query(CallTemplate.any().withName("test#row"))).extracting(Call::version)
			.allMatch(version -> version.startsWith("1;shape="))
			.doesNotHaveDuplicates()
			.hasSize(2);
	}

	@Test
	void aStoredResultMissingAComponentIsAMissNotAHalfFilledObject() throws Throwable {
		Class<?> v2 = RecordCompiler.compile(this.directory.resolve("v2"), "shapes.Row",
				"package shapes; public record Row(String name, Integer amount) {}");
		JacksonSerializer json = new JacksonSerializer();
		assertThatThrownBy(() -> json.deserialize("{\"name\":\"a\"}".getBytes(), v2))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("amount");
		ValueStorage values = MemoryStorage.values();
		CallStorage calls = MemoryStorage.calls();
		CallCache cache = CallCache.builder(values, calls).build();
		CallSpec spec = new CallSpec("test#row", "1", Map.of("id", 1), v2);
		cache.call(spec, () -> v2.getConstructors()[0].newInstance("a", 7));
		Call stored = calls.list().stream().map(key -> calls.load(key.hex())).findFirst().orElseThrow();
		calls.save(stored.withResult(values.save(Map.of("name", "old"))));
		AtomicInteger runs = new AtomicInteger();
		Object result = cache.call(spec, () -> {
			runs.incrementAndGet();
			return v2.getConstructors()[0].newInstance("b", 8);
		});
		assertThat(runs).hasValue(1);
		assertThat(result.toString()).isEqualTo("Row[name=b, amount=8]");
		assertThat(cache.call(spec, () -> null).toString()).isEqualTo("Row[name=b, amount=8]");
	}

	@Test
	void aClassWhoseMembersCannotBeLoadedIsDescribedByItsName() throws Exception {
		Path sources = this.directory.resolve("linkage");
		RecordCompiler.compile(sources, "linkage.Missing", "package linkage; public class Missing {}");
		Class<?> broken = RecordCompiler.compile(sources, "linkage.Holder",
				"package linkage; public class Holder { public Missing getMissing() { return null; } public String getName() { return \"\"; } }");
		java.nio.file.Files.delete(sources.resolve("linkage/Missing.class"));
		Class<?> reloaded = new java.net.URLClassLoader(new java.net.URL[] { sources.toUri().toURL() }, null)
			.loadClass(broken.getName());
		assertThat(ResultShape.describe(reloaded)).isEqualTo("linkage.Holder{?}");
		assertThat(new ShapedVersions().version("1", reloaded)).matches("1;shape=[0-9a-f]{12}");
	}

}
