package dev.fleche.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalDigesterTest {

	private final Digester digester = Digester.standard();

	enum Color {

		RED, GREEN

	}

	record Point(int x, String label) {
	}

	record Box(Point point, List<Integer> values) {
	}

	record OtherPoint(int x, String label) {
	}

	static final class Money implements Digestible {

		private final long cents;

		private final String currency;

		Money(long cents, String currency) {
			this.cents = cents;
			this.currency = currency;
		}

		@Override
		public Object digestContent() {
			return List.of(this.cents, this.currency);
		}

	}

	/**
	 * Golden vectors. The first ones were checked against an independent computation (Python's
	 * hashlib over the documented encoding): SHA-256 of "N", of "Z1", of "I" + int32 1, of "T" +
	 * int32 length + UTF-8, of "D" + the canonical NaN bits.
	 */
	static List<Arguments> golden() {
		return List.of(Arguments.of(null, "8ce86a6ae65d3692e7305e2c58ac62eebd97d3d943e093f577da25c36988246b"),
				Arguments.of(true, "63cac091c211761f5f81a211028ba3e1d6091c02a3e3784b4c7c982632fa09ea"),
				Arguments.of(false, "f20bcb52cb2bd1d4ba673121838762ede07f68236f4a208319a830a226c22e2e"),
				Arguments.of(1, "311946a5170210306a14bfd14b88c81a3db9341fa2ffac9f359313fed26db4ff"),
				Arguments.of(1L, "1226e58ea798f0a5f02cec38503167706cd80a0e47a85b53b730e30f10d4a26b"),
				Arguments.of((short) 1, "67f82c3bd46bdb8e38e226096cddd8338fd93230f9dc0dfc7a8c6ad64abd6092"),
				Arguments.of((byte) 1, "7cb8d346eaf64b47f38a3952c3fd0b84bc7438a450aca597ce7c2fe5a0ed737b"),
				Arguments.of('a', "697e3fdddc93e217bdb1fc86c43916737a8fc2a3859feb0c096c771cc91d1de4"),
				Arguments.of(0.0, "a45bff2be728c2a3bc8f717d63cf960b042edc6fed969d538c8fe87434b5b636"),
				Arguments.of(-0.0, "ba29e39a182bc161438d374ff1e94bcf8595b55438afecea90481a217887e69f"),
				Arguments.of(Double.NaN, "330b86163173c127b9700536ce8a3b4458a0324a4a9c5cda48bbcb26c14b7a91"),
				Arguments.of(1.5f, "4b06a191764a204b05559dea10a64108538212d305344e30b5cd3130e4f4133e"),
				Arguments.of("h\u00e9llo", "f3175a39eba6d26d3109c587d583d54591bd4026d27f3971acee98ca19d27ad0"),
				Arguments.of("", "6603e3b7c2d5fe04d06783c41918d9e8cc7a258e6b86d5aa9aafa484049ac141"),
				Arguments.of(new byte[] { 1, 2, 3 }, "b2a7484668b889e182fe01eaccce469931d06f040365db6acd46a1e8e8545057"),
				Arguments.of(new BigInteger("123456789012345678901234567890"),
						"870917bc8ce515d893a4465ada6b3b2875e2a3e81190ab7c6073d05e15b7b910"),
				Arguments.of(new BigDecimal("1.0"), "4ebab7e2ac0872dcee684699ea31785b7ea9e4eb7371835b28a83b37c3097245"),
				Arguments.of(new BigDecimal("1.00"), "349d313d33affda59a7808fd2c4293ce442b5ea5a4695b2750abccadac326ee2"),
				Arguments.of(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
						"f6a91108b4c12ab87466afd1d618ecee0193a81b98d3085a30632d2e0b9c7630"),
				Arguments.of(Instant.parse("2026-01-02T03:04:05Z"),
						"5db246dd1150d22c7238144a65b1a3500b5d715f3bf21bd1f778107c293c2946"),
				Arguments.of(LocalDate.of(2026, 1, 2), "3e567ed6980cc8a5b8cabd7999a6f4533acfba24daa27394104299f42f0bce1e"),
				Arguments.of(Duration.ofSeconds(90), "249958e8727d6d1db6e0a55daf03bdf51e8c320a4b50bf070f1c0dd186a538ff"),
				Arguments.of(Optional.empty(), "aea09bc30f50553a6703193a5d637c68f6f887b23fcac6aa69fe164391cfa989"),
				Arguments.of(Optional.of("x"), "b8f00dd5b9e6b00c0ae7d0a33bd3bf73a295edd7c1946d260876822895f16ddc"),
				Arguments.of(new int[] { 1, 2 }, "568636d96691be1ffcdc9df0e3ea57bd2b1d7122c3bc4a6be55adaca012b5fcc"),
				Arguments.of(List.of(1, 2, 3), "6c40a0f89bbeb66d2b4c10a58df9bed531c44b4928501567ad679c55cda788c7"),
				Arguments.of(new LinkedHashSet<>(List.of("a", "b")),
						"ebf86f5ad4661dcaae6f8e0146416ffd290131e4c981cc699c2effafee1eba1c"),
				Arguments.of(Map.of("k", 1), "2f79d7aae86d1a52ccb370e62b2127390efa5d5befe8c66fc7f0df8e61b74818"));
	}

	@ParameterizedTest
	@MethodSource("golden")
	void goldenVectorsStayStable(Object value, String expected) {
		assertThat(this.digester.digest(value).hex()).isEqualTo(expected);
	}

	@Test
	void typesAreSalted() {
		assertThat(this.digester.digest(1)).isNotEqualTo(this.digester.digest(1L));
		assertThat(this.digester.digest(1)).isNotEqualTo(this.digester.digest("1"));
		assertThat(this.digester.digest((short) 1)).isNotEqualTo(this.digester.digest((byte) 1));
		assertThat(this.digester.digest(new Point(1, "a"))).isNotEqualTo(this.digester.digest(new OtherPoint(1, "a")));
		assertThat(this.digester.digest(new byte[] { 1 })).isNotEqualTo(this.digester.digest(new Byte[] { 1 }));
		assertThat(this.digester.digest(List.of("a"))).isNotEqualTo(this.digester.digest(Set.of("a")));
	}

	@Test
	void floatingPointRules() {
		assertThat(this.digester.digest(0.0)).isNotEqualTo(this.digester.digest(-0.0));
		double otherNaN = Double.longBitsToDouble(0x7ff8000000000001L);
		assertThat(this.digester.digest(otherNaN)).isEqualTo(this.digester.digest(Double.NaN));
		assertThat(this.digester.digest(Float.intBitsToFloat(0x7fc00001))).isEqualTo(this.digester.digest(Float.NaN));
		assertThat(this.digester.digest(1.0f)).isNotEqualTo(this.digester.digest(1.0));
	}

	@Test
	void enumsDigestByNameNotOrdinal() {
		assertThat(this.digester.digest(Color.RED)).isNotEqualTo(this.digester.digest(Color.GREEN));
		assertThat(this.digester.digest(Color.RED)).isEqualTo(this.digester.digest(Color.valueOf("RED")));
	}

	@Test
	void listOrderMattersAndListKindDoesNot() {
		assertThat(this.digester.digest(List.of(1, 2))).isNotEqualTo(this.digester.digest(List.of(2, 1)));
		assertThat(this.digester.digest(new ArrayList<>(List.of(1, 2))))
			.isEqualTo(this.digester.digest(new LinkedList<>(List.of(1, 2))));
	}

	@Test
	void setsAndMapsIgnoreIterationOrder() {
		Set<String> a = new LinkedHashSet<>(List.of("x", "y", "z"));
		Set<String> b = new LinkedHashSet<>(List.of("z", "x", "y"));
		assertThat(this.digester.digest(a)).isEqualTo(this.digester.digest(b)).isEqualTo(this.digester.digest(new TreeSet<>(a)));
		Map<String, Integer> m1 = new LinkedHashMap<>();
		m1.put("one", 1);
		m1.put("two", 2);
		Map<String, Integer> m2 = new HashMap<>();
		m2.put("two", 2);
		m2.put("one", 1);
		assertThat(this.digester.digest(m1)).isEqualTo(this.digester.digest(m2)).isEqualTo(this.digester.digest(new TreeMap<>(m1)));
		assertThat(this.digester.digest(Map.of("one", 2))).isNotEqualTo(this.digester.digest(Map.of("one", 1)));
	}

	@Test
	void aMapWhoseKeysShareADigestIgnoresIterationOrder() {
		Map<Object, Object> first = new LinkedHashMap<>();
		first.put("k", 1);
		first.put(this.digester.digest("k"), 2);
		Map<Object, Object> second = new LinkedHashMap<>();
		second.put(this.digester.digest("k"), 2);
		second.put("k", 1);
		assertThat(this.digester.digest(first)).isEqualTo(this.digester.digest(second));
	}

	@Test
	void recordsDigestByClassAndComponents() {
		assertThat(this.digester.digest(new Point(1, "a"))).isEqualTo(this.digester.digest(new Point(1, "a")));
		assertThat(this.digester.digest(new Point(1, "a"))).isNotEqualTo(this.digester.digest(new Point(2, "a")));
	}

	@Test
	void digestibleWinsOverBuiltInRules() {
		assertThat(this.digester.digest(new Money(100, "EUR"))).isEqualTo(this.digester.digest(new Money(100, "EUR")));
		assertThat(this.digester.digest(new Money(100, "EUR"))).isNotEqualTo(this.digester.digest(new Money(100, "USD")));
		assertThat(this.digester.digest(new Money(100, "EUR"))).isNotEqualTo(this.digester.digest(List.of(100L, "EUR")));
	}

	@Test
	void aDigestDigestsToItself() {
		Digest digest = this.digester.digest("anything");
		assertThat(this.digester.digest(digest)).isEqualTo(digest);
	}

	@Test
	void replacingASubValueByItsDigestLeavesTheWholeUnchanged() {
		Point point = new Point(7, "seven");
		List<Integer> values = List.of(1, 2, 3);
		Digest whole = this.digester.digest(Map.of("box", new Box(point, values), "tags", Set.of("a", "b")));
		Digest replaced = this.digester.digest(Map.of("box", new Box(point, values), "tags",
				Set.of(this.digester.digest("a"), "b")));
		assertThat(replaced).isEqualTo(whole);
		assertThat(this.digester.digest(List.of(this.digester.digest(point), 2)))
			.isEqualTo(this.digester.digest(List.of(point, 2)));
		assertThat(this.digester.digest(Optional.of(this.digester.digest("x")))).isEqualTo(this.digester.digest(Optional.of("x")));
	}

	/** A plain bean, neither record nor Digestible. */
	public static final class Customer {

		private final String name;

		private final int age;

		Customer(String name, int age) {
			this.name = name;
			this.age = age;
		}

		public String getName() {
			return this.name;
		}

		public int getAge() {
			return this.age;
		}

	}

	@Test
	void beansFallBackToTheirProperties() {
		assertThat(this.digester.digest(new Customer("ann", 30))).isEqualTo(this.digester.digest(new Customer("ann", 30)));
		assertThat(this.digester.digest(new Customer("ann", 30))).isNotEqualTo(this.digester.digest(new Customer("ann", 31)));
		assertThat(this.digester.digest(new Customer("ann", 30))).isNotEqualTo(this.digester.digest(Map.of("age", 30, "name", "ann")));
		assertThat(this.digester.digest(List.of(new Customer("bob", 1)))).isEqualTo(this.digester.digest(List.of(new Customer("bob", 1))));
	}

	@Test
	void commonValueTypes() throws Exception {
		assertThat(this.digester.digest(new java.util.Date(1000))).isEqualTo(this.digester.digest(new java.util.Date(1000)))
			.isNotEqualTo(this.digester.digest(new java.util.Date(1001)));
		assertThat(this.digester.digest(new java.net.URI("https://example.com/a")))
			.isNotEqualTo(this.digester.digest("https://example.com/a"));
		assertThat(this.digester.digest(java.util.Locale.forLanguageTag("de-CH")))
			.isEqualTo(this.digester.digest(java.util.Locale.forLanguageTag("de-CH")));
		assertThat(this.digester.digest(String.class)).isNotEqualTo(this.digester.digest(Integer.class));
		assertThat(this.digester.digest(java.util.Currency.getInstance("EUR"))).isNotNull();
	}

	@Test
	void unknownTypesFailWithATypedException() {
		assertThatThrownBy(() -> this.digester.digest(new Object())).isInstanceOf(UndigestableValueException.class)
			.hasMessageContaining("java.lang.Object")
			.hasMessageContaining("Digestible");
		assertThatThrownBy(() -> this.digester.digest(List.of(new StringBuilder("x"))))
			.isInstanceOf(UndigestableValueException.class)
			.hasMessageContaining("java.lang.StringBuilder");
	}

	@Test
	void cyclesFailWithATypedException() {
		List<Object> self = new ArrayList<>();
		self.add(self);
		assertThatThrownBy(() -> this.digester.digest(self)).isInstanceOf(UndigestableValueException.class)
			.hasMessageContaining("cycle");
	}

	@Test
	void sharedSubValuesAreNotCycles() {
		List<Integer> shared = List.of(1);
		assertThat(this.digester.digest(List.of(shared, shared))).isNotNull();
	}

	@Test
	void digestValidatesItsText() {
		assertThatThrownBy(() -> Digest.of("ABC")).isInstanceOf(InvalidDigestException.class);
		assertThatThrownBy(() -> Digest.of("A".repeat(64))).isInstanceOf(InvalidDigestException.class);
		assertThat(Digest.of("a".repeat(64)).prefix(4)).isEqualTo("aaaa");
		assertThat(Digest.ofBytes(Digest.of("0f".repeat(32)).bytes())).isEqualTo(Digest.of("0f".repeat(32)));
	}

}
