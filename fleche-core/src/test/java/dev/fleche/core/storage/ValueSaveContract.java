package dev.fleche.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.fleche.core.digest.Digest;
import dev.fleche.core.digest.Digestible;
import dev.fleche.core.digest.Digester;

/**
 * A value that cannot be stored, or could not be loaded back into its own type (a {@link Thread},
 * a lambda, a class Jackson can write but not create), is refused at save by both forms of save
 * alike, with a {@link SaveException} naming the type, and nothing stored is lost.
 */
public abstract class ValueSaveContract extends ValueStorageContractBase {

	@Test
	void undigestableValueFailsToSaveAndLosesNothing() {
		Digest kept = this.storage.save("kept");
		assertThatThrownBy(() -> this.storage.save(new Object())).isInstanceOf(SaveException.class)
			.hasMessageContaining("java.lang.Object");
		assertThat(this.storage.list()).containsExactly(kept);
		assertThat(this.storage.load(kept.hex(), String.class)).isEqualTo("kept");
	}

	/** Digestible, but its state is private: a serializer cannot see it. */
	public static final class Opaque implements Digestible {

		private final String code = "secret";

		@Override
		public Object digestContent() {
			return this.code;
		}

	}

	@Test
	void aDigestibleValueThatCannotBeSerializedFailsToSaveAndLosesNothing() {
		Digest key = Digester.standard().digest(new Opaque());
		this.storage.save("earlier", key);
		assertThatThrownBy(() -> this.storage.save(new Opaque())).isInstanceOf(SaveException.class)
			.hasMessageContaining(Opaque.class.getName());
		assertThat(this.storage.load(key.hex(), String.class)).isEqualTo("earlier");
	}

	/** Jackson writes it ({@code {"text":...}}) but cannot create it: no usable constructor or creator. */
	public static final class Label {

		private final String text;

		private Label(String text) {
			this.text = text;
		}

		public static Label of(String text) {
			return new Label(text);
		}

		public String getText() {
			return this.text;
		}

	}

	private void assertRefusedByBothSaveForms(Object value, String typeName) {
		Digest earlier = key("cd".repeat(32));
		this.storage.save("earlier", earlier);
		assertThatThrownBy(() -> this.storage.save(value)).isInstanceOf(SaveException.class)
			.hasMessageContaining(typeName);
		assertThatThrownBy(() -> this.storage.save(value, earlier)).isInstanceOf(SaveException.class)
			.hasMessageContaining(typeName);
		Digest fresh = key("ef".repeat(32));
		assertThatThrownBy(() -> this.storage.save(value, fresh)).isInstanceOf(SaveException.class)
			.hasMessageContaining(typeName);
		assertThat(this.storage.list()).containsExactly(earlier);
		assertThat(this.storage.load(earlier.hex(), String.class)).isEqualTo("earlier");
	}

	@Test
	void aThreadIsRefusedAtSaveByBothForms() {
		assertRefusedByBothSaveForms(new Thread(() -> { }), Thread.class.getName());
	}

	@Test
	void aLambdaIsRefusedAtSaveByBothForms() {
		Supplier<String> lambda = () -> "computed";
		assertRefusedByBothSaveForms(lambda, lambda.getClass().getName());
	}

	@Test
	void aClassThatCannotBeCreatedIsRefusedAtSaveByBothFormsEveryTime() {
		assertRefusedByBothSaveForms(Label.of("a"), Label.class.getName());
		assertThatThrownBy(() -> this.storage.save(Label.of("b"))).isInstanceOf(SaveException.class)
			.hasMessageContaining(Label.class.getName());
	}

}
