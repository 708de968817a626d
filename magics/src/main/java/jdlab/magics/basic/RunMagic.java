package jdlab.magics.basic;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %run PATH [ARGS...]}: runs a {@code .jsh} script, or a {@code .java} program's main method,
 * in the session, so what it declares stays defined afterwards.
 */
public final class RunMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("run",
                    "Run a .jsh script, or a .java file's main(String[]) with the arguments given, in this session.")
            .positional("path", "the .jsh or .java file")
            .positionals("args", "arguments for a .java file's main method")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        Path path = args.path("path");
        String name = path.getFileName().toString();
        List<String> mainArgs = args.strings("args");
        if (name.endsWith(".jsh")) {
            if (!mainArgs.isEmpty()) {
                throw args.error("arguments go to a .java file's main method; a .jsh script takes none");
            }
            return context.eval(ScriptFile.read(ARGS, path));
        }
        if (!name.endsWith(".java")) {
            throw args.error(name + " is neither a .jsh script nor a .java file");
        }
        String code = JavaSource.withoutPackage(ScriptFile.read(ARGS, path));
        String main = JavaSource.mainClass(code).orElseThrow(() -> new UsageException(
                "%run: " + name + " has no public static void main(String[] args); %load runs its code alone"));
        context.eval(code);
        context.eval(main + ".main(new String[] {"
                + mainArgs.stream().map(JavaSource::literal).collect(Collectors.joining(", ")) + "});");
        return null;
    }
}
