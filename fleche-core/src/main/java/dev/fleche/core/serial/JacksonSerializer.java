package dev.fleche.core.serial;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default serializer: JSON through Jackson, read back into the declared (possibly generic)
 * type. No default typing: the bytes never choose the class that is instantiated.
 */
public final class JacksonSerializer implements Serializer {

	/** The id stored with entries written by this serializer. */
	public static final String ID = "json";

	private final JsonMapper mapper;

	/**
	 * A serializer on a plain {@link JsonMapper} that refuses values without properties: Jackson 3
	 * would otherwise write them as an empty object and lose their state. Reading a record whose
	 * JSON lacks one of its components fails, rather than filling it with {@code null}.
	 */
	public JacksonSerializer() {
		this(JsonMapper.builder()
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
			.build());
	}

	/** A serializer on the given mapper; it must not enable default typing. */
	public JacksonSerializer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public byte[] serialize(@Nullable Object value) {
		try {
			return this.mapper.writeValueAsBytes(value);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Cannot serialize a value of "
					+ (value == null ? "null" : value.getClass().getName()) + " to JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * A class generated at run time (a lambda), a type Jackson cannot create (an interface or
	 * abstract class, a class without a creator), or a bean with a property of such a type.
	 */
	@Override
	public @Nullable String readBackProblem(Type type) {
		return JacksonTypeCheck.problem(this.mapper, type);
	}

	@Override
	public @Nullable Object deserialize(byte[] bytes, Type type) {
		JavaType javaType = this.mapper.getTypeFactory().constructType(type);
		try {
			return this.mapper.readValue(bytes, javaType);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Cannot read JSON as " + javaType.toCanonical() + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
