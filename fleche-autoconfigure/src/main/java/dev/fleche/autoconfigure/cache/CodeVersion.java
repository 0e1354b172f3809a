package dev.fleche.autoconfigure.cache;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;

/**
 * The version {@link dev.fleche.annotation.CachedCall#CODE}: {@code code:} and 16 hexadecimal
 * characters of the SHA-256 of the method's instructions, read from its class file. Line numbers,
 * local variable names and constant pool order do not count, so recompiling or moving the method
 * keeps the version; any change of an instruction, a constant or a method it calls by name changes
 * it. The bodies of the methods it calls, lambdas included, are not part of it.
 */
final class CodeVersion {

	private CodeVersion() {
	}

	/**
	 * The code version of {@code method}.
	 * @throws InvalidCachedCallException if its class file cannot be read or does not declare it
	 */
	static String of(Method method, String identity) {
		Class<?> declaring = method.getDeclaringClass();
		String resource = declaring.getName().replace('.', '/') + ".class";
		ClassLoader loader = (declaring.getClassLoader() != null) ? declaring.getClassLoader()
				: ClassLoader.getSystemClassLoader();
		byte[] bytes;
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				throw new InvalidCachedCallException(identity,
						"version CODE needs the class file " + resource + ", which the class loader does not have");
			}
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new InvalidCachedCallException(identity, "version CODE cannot read class file " + resource + ": " + ex);
		}
		String instructions = instructions(bytes, method.getName(), Type.getMethodDescriptor(method));
		if (instructions == null) {
			throw new InvalidCachedCallException(identity,
					"version CODE found no code of the method in " + resource + " (abstract or native?)");
		}
		return "code:" + HexFormat.of().formatHex(sha256(instructions)).substring(0, 16);
	}

	private static @Nullable String instructions(byte[] classFile, String name, String descriptor) {
		StringBuilder text = new StringBuilder();
		boolean[] found = new boolean[1];
		new ClassReader(classFile).accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {

			@Override
			public @Nullable MethodVisitor visitMethod(int access, String methodName, String methodDescriptor,
					@Nullable String signature, String @Nullable [] exceptions) {
				if (!methodName.equals(name) || !methodDescriptor.equals(descriptor)) {
					return null;
				}
				found[0] = true;
				return new InstructionText(text);
			}

		}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
		return (found[0] && !text.isEmpty()) ? text.toString() : null;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
