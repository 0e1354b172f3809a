package dev.fleche.core.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SerializerTest {

	public record Item(String name, int count) implements Serializable {
	}

	public record Stamp(Instant at) {
	}

	static final class Unserializable {

		private final Object self = this;

		public Object getSelf() {
			return this.self;
		}

	}

	public List<Item> itemList() {
		return List.of();
	}

	public Map<String, List<Item>> itemMap() {
		return Map.of();
	}

	@Test
	void jacksonReadsIntoDeclaredGenericTypes() throws Exception {
		JacksonSerializer serializer = new JacksonSerializer();
		List<Item> items = List.of(new Item("a", 1), new Item("b", 2));
		Type listType = getClass().getMethod("itemList").getGenericReturnType();
		assertThat(serializer.deserialize(serializer.serialize(items), listType)).isEqualTo(items);
		Type mapType = getClass().getMethod("itemMap").getGenericReturnType();
		Map<String, List<Item>> map = Map.of("x", items);
		assertThat(serializer.deserialize(serializer.serialize(map), mapType)).isEqualTo(map);
		Stamp stamp = new Stamp(Instant.parse("2026-11-23T07:00:00Z"));
		assertThat(serializer.deserialize(serializer.serialize(stamp), Stamp.class)).isEqualTo(stamp);
	}

	@Test
	void jacksonNeverLetsBytesChooseTheClass() {
		JacksonSerializer serializer = new JacksonSerializer();
		byte[] bytes = "[\"java.util.ArrayList\",[]]".getBytes();
		assertThatThrownBy(() -> serializer.deserialize(bytes, Item.class)).isInstanceOf(SerializationException.class)
			.hasMessageContaining(Item.class.getName().replace('$', '.').substring(0, 10));
	}

	@Test
	void jacksonNamesTheTypeItCannotSerialize() {
		assertThatThrownBy(() -> new JacksonSerializer().serialize(new Unserializable()))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("Unserializable");
	}

	static final class NoProperties {

		private final int hidden = 7;

	}

	@Test
	void jacksonRefusesAValueWithoutPropertiesRatherThanStoringAnEmptyObject() {
		assertThatThrownBy(() -> new JacksonSerializer().serialize(new NoProperties()))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("NoProperties");
	}

	@Test
	void javaSerializationOnlyForAllowedClasses() {
		JavaSerializer allowing = JavaSerializer.allowing(List.of("dev.fleche.core.serial.*"));
		Item item = new Item("a", 1);
		assertThat(allowing.deserialize(allowing.serialize(item), Item.class)).isEqualTo(item);
		assertThat(allowing.deserialize(allowing.serialize(new ArrayList<>(List.of(item))), List.class))
			.isEqualTo(List.of(item));
		JavaSerializer strict = JavaSerializer.allowing(List.of("com.example.**"));
		byte[] bytes = allowing.serialize(item);
		assertThatThrownBy(() -> strict.deserialize(bytes, Item.class)).isInstanceOf(SerializationException.class)
			.hasMessageContaining("allow-list");
	}

	@Test
	void javaSerializationChecksTheDeclaredType() {
		JavaSerializer allowing = JavaSerializer.allowing(List.of("dev.fleche.core.serial.*"));
		byte[] bytes = allowing.serialize("text");
		assertThatThrownBy(() -> allowing.deserialize(bytes, Item.class)).isInstanceOf(SerializationException.class);
		assertThat(allowing.deserialize(allowing.serialize(5), int.class)).isEqualTo(5);
	}

	@Test
	void javaSerializationNeedsAnAllowList() {
		assertThatThrownBy(() -> JavaSerializer.allowing(List.of())).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> JavaSerializer.allowing(List.of("!*"))).isInstanceOf(IllegalArgumentException.class);
	}

}
