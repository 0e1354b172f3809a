package dev.fleche.autoconfigure.cache;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.asm.Handle;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;

/**
 * Writes a method's instructions as text, one per line, with labels numbered in order of
 * appearance: what {@link CodeVersion} digests.
 */
final class InstructionText extends MethodVisitor {

	private final StringBuilder text;

	private final Map<Label, Integer> labels = new IdentityHashMap<>();

	InstructionText(StringBuilder text) {
		super(SpringAsmInfo.ASM_VERSION);
		this.text = text;
	}

	private String label(Label label) {
		return "L" + this.labels.computeIfAbsent(label, key -> this.labels.size());
	}

	private void line(Object... parts) {
		for (Object part : parts) {
			this.text.append(part).append(' ');
		}
		this.text.append('\n');
	}

	@Override
	public void visitInsn(int opcode) {
		line(opcode);
	}

	@Override
	public void visitIntInsn(int opcode, int operand) {
		line(opcode, operand);
	}

	@Override
	public void visitVarInsn(int opcode, int varIndex) {
		line(opcode, varIndex);
	}

	@Override
	public void visitTypeInsn(int opcode, String type) {
		line(opcode, type);
	}

	@Override
	public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
		line(opcode, owner, name, descriptor);
	}

	@Override
	public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
		line(opcode, owner, name, descriptor, isInterface);
	}

	@Override
	public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
		line("indy", name, descriptor, bootstrap, Arrays.deepToString(arguments));
	}

	@Override
	public void visitJumpInsn(int opcode, Label label) {
		line(opcode, label(label));
	}

	@Override
	public void visitLabel(Label label) {
		line("label", label(label));
	}

	@Override
	public void visitLdcInsn(Object value) {
		line("ldc", value.getClass().getSimpleName(), value);
	}

	@Override
	public void visitIincInsn(int varIndex, int increment) {
		line("iinc", varIndex, increment);
	}

	@Override
	public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
		line("tableswitch", min, max, label(dflt), Arrays.stream(targets).map(this::label).toList());
	}

	@Override
	public void visitLookupSwitchInsn(Label dflt, int @Nullable [] keys, Label @Nullable [] targets) {
		line("lookupswitch", label(dflt), Arrays.toString(keys),
				(targets != null) ? Arrays.stream(targets).map(this::label).toList() : "[]");
	}

	@Override
	public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
		line("multianewarray", descriptor, numDimensions);
	}

	@Override
	public void visitTryCatchBlock(Label start, Label end, Label handler, @Nullable String type) {
		line("try", label(start), label(end), label(handler), type);
	}

}
