package jdlab.kernel.io;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The bytecode that ExitGuard puts at the start of {@code Runtime.exit} and {@code Runtime.halt}: a
 * {@code SecurityException} for a thread below a cell's thread group, naming the call and its status.
 */
final class ExitRefusal {

    private static final String REFUSED = ") would end the kernel and lose every variable; it is refused."
            + " To restart, use the notebook's Kernel > Restart.";

    private ExitRefusal() {
    }

    /**
     * The class file with {@code exit(int)} and {@code halt(int)} refusing calls from cell threads;
     * every other method is kept as it is.
     */
    static byte[] inject(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
                boolean instanceMethod = (access & Opcodes.ACC_STATIC) == 0;
                if (!instanceMethod || !descriptor.equals("(I)V")) {
                    return method;
                }
                return switch (name) {
                    case "exit" -> new RefuseFromCells(method, "System.exit("); // System.exit calls it
                    case "halt" -> new RefuseFromCells(method, "Runtime.halt(");
                    default -> method;
                };
            }
        }, 0);
        return writer.toByteArray();
    }

    /**
     * Prepends to a {@code void m(int status)} the bytecode of: for each group from the current
     * thread's up to the root, if its name is {@value ExitGuard#CELL_THREADS}, throw
     * {@code new SecurityException(call + status + REFUSED)}.
     */
    private static final class RefuseFromCells extends MethodVisitor {

        private final String call;

        RefuseFromCells(MethodVisitor method, String call) {
            super(Opcodes.ASM9, method);
            this.call = call;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label nextGroup = new Label();
            Label refuse = new Label();
            Label permit = new Label();
            invoke(Opcodes.INVOKESTATIC, "java/lang/Thread", "currentThread", "()Ljava/lang/Thread;");
            invoke(Opcodes.INVOKEVIRTUAL, "java/lang/Thread", "getThreadGroup", "()Ljava/lang/ThreadGroup;");
            visitLabel(nextGroup); // stack: group
            visitInsn(Opcodes.DUP);
            visitJumpInsn(Opcodes.IFNULL, permit);
            visitInsn(Opcodes.DUP);
            invoke(Opcodes.INVOKEVIRTUAL, "java/lang/ThreadGroup", "getName", "()Ljava/lang/String;");
            visitLdcInsn(ExitGuard.CELL_THREADS);
            visitInsn(Opcodes.SWAP);
            invoke(Opcodes.INVOKEVIRTUAL, "java/lang/String", "equals", "(Ljava/lang/Object;)Z");
            visitJumpInsn(Opcodes.IFNE, refuse);
            invoke(Opcodes.INVOKEVIRTUAL, "java/lang/ThreadGroup", "getParent", "()Ljava/lang/ThreadGroup;");
            visitJumpInsn(Opcodes.GOTO, nextGroup);
            visitLabel(refuse);
            visitInsn(Opcodes.POP);
            visitTypeInsn(Opcodes.NEW, "java/lang/SecurityException");
            visitInsn(Opcodes.DUP);
            visitLdcInsn(call);
            visitVarInsn(Opcodes.ILOAD, 1);
            invoke(Opcodes.INVOKESTATIC, "java/lang/String", "valueOf", "(I)Ljava/lang/String;");
            invoke(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;");
            visitLdcInsn(REFUSED);
            invoke(Opcodes.INVOKEVIRTUAL, "java/lang/String", "concat", "(Ljava/lang/String;)Ljava/lang/String;");
            invoke(Opcodes.INVOKESPECIAL, "java/lang/SecurityException", "<init>", "(Ljava/lang/String;)V");
            visitInsn(Opcodes.ATHROW);
            visitLabel(permit);
            visitInsn(Opcodes.POP);
        }

        private void invoke(int opcode, String owner, String name, String descriptor) {
            visitMethodInsn(opcode, owner, name, descriptor, false);
        }
    }
}
