package dev.fleche.core.serial;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells, from a type alone, that Jackson could not read a value of it back: a class generated at
 * run time (a lambda), a type it cannot create from an object (an interface, an abstract class, a
 * class with no creator), or a bean one of whose public getters has such a type (a
 * {@link Thread}'s context class loader). Containers and scalars pass: they are read from other
 * shapes of JSON.
 */
final class JacksonTypeCheck {

	private static final byte[] EMPTY_OBJECT = "{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private JacksonTypeCheck() {
	}

	static @Nullable String problem(JsonMapper mapper, Type type) {
		JavaType javaType = mapper.getTypeFactory().constructType(type);
		Class<?> raw = javaType.getRawClass();
		if (raw.isHidden() || raw.isSynthetic()) {
			return raw.getName() + " is generated at run time (a lambda or proxy): Jackson cannot create it";
		}
		String own = creationProblem(mapper, javaType);
		if (own != null || javaType.isContainerType() || raw.isPrimitive() || raw.isEnum() || raw.isRecord()
				|| raw.getName().startsWith("java.lang.") && !raw.equals(Thread.class)) {
			return own;
		}
		for (Method getter : raw.getMethods()) {
			String property = propertyOf(getter);
			if (property == null) {
				continue;
			}
			String problem = creationProblem(mapper, mapper.getTypeFactory().constructType(getter.getGenericReturnType()));
			if (problem != null) {
				return raw.getName() + " has property '" + property + "' that cannot be read back: " + problem;
			}
		}
		return null;
	}

	/** Jackson's complaint about the definition of {@code type} when it reads an object, or null. */
	private static @Nullable String creationProblem(JsonMapper mapper, JavaType type) {
		Class<?> raw = type.getRawClass();
		if (raw.isHidden() || raw.isSynthetic()) {
			return raw.getName() + " is generated at run time";
		}
		try {
			mapper.readValue(EMPTY_OBJECT, type);
			return null;
		}
		catch (InvalidDefinitionException ex) {
			return ex.getOriginalMessage();
		}
		catch (RuntimeException ex) {
			// another shape of JSON, or missing values: the type itself can be created
			return null;
		}
	}

	/** The property a public getter writes, or null if it is not one Jackson writes. */
	private static @Nullable String propertyOf(Method method) {
		if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
				|| method.getDeclaringClass() == Object.class || method.isAnnotationPresent(JsonIgnore.class)
				|| method.getReturnType() == void.class) {
			return null;
		}
		String name = method.getName();
		if (name.startsWith("get") && name.length() > 3 && !name.equals("getClass")) {
			return Character.toLowerCase(name.charAt(3)) + name.substring(4);
		}
		if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
			return Character.toLowerCase(name.charAt(2)) + name.substring(3);
		}
		return null;
	}

}
