package dev.fleche.autoconfigure.startup;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;

/**
 * Finds, in a class's bytecode, instance methods that call one of the given methods of the same
 * class directly (on {@code this}, as far as the bytecode tells): such a call bypasses Spring's
 * proxy. A heuristic: a call on another instance of the same class is reported too.
 */
final class SelfInvocations {

	private SelfInvocations() {
	}

	/** A call from {@code caller} to {@code callee}, both method names of the inspected class. */
	record Call(String caller, String callee) {
	}

	/**
	 * The self-calls in {@code type} to the methods in {@code targets} (name plus descriptor,
	 * mapped to a readable name); empty if the bytecode cannot be read.
	 */
	static List<Call> find(Class<?> type, Map<String, String> targets) {
		String internalName = type.getName().replace('.', '/');
		ClassLoader loader = (type.getClassLoader() != null) ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
		List<Call> calls = new ArrayList<>();
		try (InputStream bytes = loader.getResourceAsStream(internalName + ".class")) {
			if (bytes == null) {
				return calls;
			}
			new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {

				@Override
				public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
						String[] exceptions) {
					if ((access & Opcodes.ACC_STATIC) != 0) {
						return null;
					}
					String caller = name;
					return new MethodVisitor(Opcodes.ASM9) {

						@Override
						public void visitMethodInsn(int opcode, String owner, String calleeName, String calleeDescriptor,
								boolean isInterface) {
							String callee = targets.get(calleeName + calleeDescriptor);
							if (callee != null && owner.equals(internalName)
									&& (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKESPECIAL)) {
								calls.add(new Call(caller, callee));
							}
						}

					};
				}

			}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
		}
		catch (IOException | RuntimeException ex) {
			return List.of();
		}
		return calls;
	}

}
