package jdlab.kernel.eval;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves interrupt checks into the classes the cells' loader defines (cells and the jars users add):
 * {@link Interrupts#check()} on entering each method (recursion) and before each jump back (every
 * loop), and {@link Interrupts#opened} after each socket is made or accepted.
 */
final class CellWeaver {

    private static final String HOOK = Type.getInternalName(Interrupts.class);
    private static final Set<String> SOCKETS = Set.of("java/net/Socket", "java/net/ServerSocket",
            "java/net/DatagramSocket", "java/net/MulticastSocket");

    private CellWeaver() {
    }

    /**
     * The class with checks woven in; as it was when ASM cannot weave it (a class file newer than ASM
     * knows, a method the checks would push over 64 KB), which then only cannot be interrupted.
     */
    static byte[] weave(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new Checks(super.visitMethod(access, name, descriptor, signature, exceptions));
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            return classFile;
        }
    }

    private static final class Checks extends MethodVisitor {

        private final Set<Label> passed = new HashSet<>();
        private final Deque<String> socketsMade = new ArrayDeque<>(); // NEW seen, constructor not yet called
        private Label entry; // the check on entering, until it is given the method's first line

        Checks(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            entry = new Label();
            super.visitLabel(entry);
            check();
        }

        // The entry check takes the method's first line, so that a stack overflow, which it may be
        // the call to hit, shows that line as the code without the check would.
        @Override
        public void visitLineNumber(int line, Label start) {
            super.visitLineNumber(line, start);
            if (entry != null) {
                super.visitLineNumber(line, entry);
                entry = null;
            }
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            passed.add(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (passed.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            checkIfBack(dflt, labels);
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            checkIfBack(dflt, labels);
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.NEW && SOCKETS.contains(type)) {
                socketsMade.push(type);
            }
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            // A constructor of a socket NEW made (not a subclass's super call) leaves the new socket on the stack.
            boolean made = opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && owner.equals(socketsMade.peek());
            boolean accepted = opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/net/ServerSocket")
                    && name.equals("accept");
            if (made) {
                socketsMade.pop();
            }
            if (made || accepted) {
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "opened", "(Ljava/lang/Object;)V", false);
            }
        }

        private void checkIfBack(Label dflt, Label[] labels) {
            if (passed.contains(dflt) || Arrays.stream(labels).anyMatch(passed::contains)) {
                check();
            }
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOK, "check", "()V", false);
        }
    }
}
