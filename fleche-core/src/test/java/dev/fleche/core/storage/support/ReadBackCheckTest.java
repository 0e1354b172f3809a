package dev.fleche.core.storage.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.fleche.core.serial.JacksonSerializer;
import dev.fleche.core.serial.Serializer;
import dev.fleche.core.storage.ValueSaveContract.Label;
import dev.fleche.core.storage.AbstractValueStorageContractTest.Point;
import dev.fleche.core.storage.SaveException;
import dev.fleche.core.storage.codec.EntryCodec;
import dev.fleche.core.storage.memory.MemoryByteStore;

class ReadBackCheckTest {

	/** Counts the reads of the serializer it wraps. */
	static final class CountingSerializer implements Serializer {

		final Serializer delegate = new JacksonSerializer();

		final AtomicInteger reads = new AtomicInteger();

		@Override
		public String id() {
			return this.delegate.id();
		}

		@Override
		public byte[] serialize(@Nullable Object value) {
			return this.delegate.serialize(value);
		}

		@Override
		public @Nullable Object deserialize(byte[] bytes, Type type) {
			this.reads.incrementAndGet();
			return this.delegate.deserialize(bytes, type);
		}

	}

	private final CountingSerializer serializer = new CountingSerializer();

	private final EncodedValueStorage storage = new EncodedValueStorage(new MemoryByteStore(), this.serializer,
			EntryCodec.plain());

	@Test
	void eachClassIsCheckedOnceAndItsVerdictKept() {
		for (int i = 0; i < 50; i++) {
			this.storage.save(new Point(i, i));
			this.storage.save("text-" + i);
		}
		assertThat(this.serializer.reads).hasValue(2);
		for (int i = 0; i < 3; i++) {
			String text = "label-" + i;
			assertThatThrownBy(() -> this.storage.save(Label.of(text))).isInstanceOf(SaveException.class);
		}
		assertThat(this.serializer.reads).hasValue(3);
		assertThat(this.storage.list()).hasSize(100);
	}

	@Test
	void theJacksonSerializerTellsUnreadableTypesWithoutAValue() throws Exception {
		Serializer json = new JacksonSerializer();
		assertThat(json.readBackProblem(Thread.class)).contains("contextClassLoader");
		assertThat(json.readBackProblem(Label.class)).isNotNull();
		assertThat(json.readBackProblem(java.util.function.Supplier.class)).isNotNull();
		assertThat(json.readBackProblem(Point.class)).isNull();
		assertThat(json.readBackProblem(String.class)).isNull();
		assertThat(json.readBackProblem(Integer.class)).isNull();
		assertThat(json.readBackProblem(int.class)).isNull();
		assertThat(json.readBackProblem(getClass().getDeclaredMethod("points").getGenericReturnType())).isNull();
		assertThat(json.readBackProblem(java.util.Map.class)).isNull();
	}

	java.util.List<Point> points() {
		return java.util.List.of();
	}

}
