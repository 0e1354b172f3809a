package dev.fleche.core.cache.shape;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The shape of a declared type: its class name and, for records and beans, the names and shapes of
 * their components or properties (public getters and fields), recursively to a depth of
 * {@value #MAX_DEPTH}; enums list their constants; generic arguments are followed. Classes of the
 * JDK ({@code java.*}, {@code javax.*}) and primitives are leaves: their name is their shape.
 * Deterministic across JVMs, so it can be part of a key. Classes of libraries are described like
 * the application's, so upgrading a library whose types a method returns can make it miss once. A
 * class whose members cannot be read is described by its name.
 */
public final class ResultShape {

	/** How deep nested records and beans are described. */
	public static final int MAX_DEPTH = 8;

	private final StringBuilder text = new StringBuilder();

	private final Set<Class<?>> path = new HashSet<>();

	private boolean structured;

	private ResultShape() {
	}

	/** The shape of {@code type} as text. */
	public static String describe(Type type) {
		ResultShape shape = new ResultShape();
		shape.type(type, Map.of(), 0);
		return shape.text.toString();
	}

	/**
	 * Whether {@code type}'s shape says more than JDK class names, that is whether it reaches a
	 * record, a bean or an enum of the application.
	 */
	public static boolean isStructured(Type type) {
		ResultShape shape = new ResultShape();
		shape.type(type, Map.of(), 0);
		return shape.structured;
	}

	private void type(Type type, Map<TypeVariable<?>, Type> bindings, int depth) {
		if (type instanceof Class<?> c) {
			type(c, Map.of(), depth);
		}
		else if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
			Type[] arguments = parameterized.getActualTypeArguments();
			Map<TypeVariable<?>, Type> inner = new HashMap<>();
			TypeVariable<?>[] variables = raw.getTypeParameters();
			StringJoiner joined = new StringJoiner(",", "<", ">");
			for (int i = 0; i < arguments.length; i++) {
				Type argument = resolve(arguments[i], bindings);
				if (i < variables.length) {
					inner.put(variables[i], argument);
				}
				ResultShape sub = child();
				sub.type(argument, bindings, depth + 1);
				this.structured |= sub.structured;
				joined.add(sub.text);
			}
			type(raw, inner, depth);
			this.text.append(joined);
		}
		else if (type instanceof GenericArrayType array) {
			type(resolve(array.getGenericComponentType(), bindings), bindings, depth);
			this.text.append("[]");
		}
		else if (type instanceof TypeVariable<?> variable) {
			Type bound = bindings.get(variable);
			if (bound != null && !(bound instanceof TypeVariable<?>)) {
				type(bound, bindings, depth);
			}
			else {
				this.text.append('?');
			}
		}
		else if (type instanceof WildcardType wildcard) {
			Type[] upper = wildcard.getUpperBounds();
			type((upper.length > 0) ? upper[0] : Object.class, bindings, depth);
		}
		else {
			this.text.append(type.getTypeName());
		}
	}

	private void type(Class<?> c, Map<TypeVariable<?>, Type> bindings, int depth) {
		if (c.isArray()) {
			type(c.getComponentType(), bindings, depth);
			this.text.append("[]");
			return;
		}
		this.text.append(c.getName());
		if (c.isPrimitive() || isJdk(c)) {
			return;
		}
		this.structured = true;
		if (depth >= MAX_DEPTH || !this.path.add(c)) {
			return;
		}
		try {
			if (c.isEnum()) {
				StringJoiner constants = new StringJoiner(",", "{", "}");
				for (Object constant : c.getEnumConstants()) {
					constants.add(((Enum<?>) constant).name());
				}
				this.text.append(constants);
			}
			else if (c.isRecord()) {
				StringJoiner components = new StringJoiner(",", "(", ")");
				for (RecordComponent component : c.getRecordComponents()) {
					components.add(component.getName() + ":" + nested(component.getGenericType(), bindings, depth));
				}
				this.text.append(components);
			}
			else {
				StringJoiner properties = new StringJoiner(",", "{", "}");
				beanProperties(c).forEach((name, propertyType) -> properties
					.add(name + ":" + nested(propertyType, bindings, depth)));
				this.text.append(properties);
			}
		}
		catch (LinkageError | RuntimeException ex) {
			// a class whose members cannot be read (a missing optional dependency, a security
			// manager) is described by its name alone
			this.text.append("{?}");
		}
		finally {
			this.path.remove(c);
		}
	}

	private String nested(Type type, Map<TypeVariable<?>, Type> bindings, int depth) {
		ResultShape sub = child();
		sub.type(resolve(type, bindings), bindings, depth + 1);
		this.structured |= sub.structured;
		return sub.text.toString();
	}

	private ResultShape child() {
		ResultShape sub = new ResultShape();
		sub.path.addAll(this.path);
		return sub;
	}

	private static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
		if (type instanceof TypeVariable<?> variable && bindings.containsKey(variable)) {
			return bindings.get(variable);
		}
		return type;
	}

	/** Public getters ({@code getX}, {@code isX}) and public fields, by property name. */
	private static Map<String, Type> beanProperties(Class<?> c) {
		Map<String, Type> properties = new TreeMap<>();
		for (Field field : c.getFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				properties.put(field.getName(), field.getGenericType());
			}
		}
		for (Method method : c.getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 0
					|| method.getDeclaringClass() == Object.class || method.isBridge()) {
				continue;
			}
			String name = method.getName();
			if (name.startsWith("get") && name.length() > 3 && method.getReturnType() != void.class) {
				properties.put(decapitalize(name.substring(3)), method.getGenericReturnType());
			}
			else if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
				properties.put(decapitalize(name.substring(2)), boolean.class);
			}
		}
		return properties;
	}

	private static String decapitalize(String name) {
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static boolean isJdk(Class<?> c) {
		String name = c.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
	}

}
