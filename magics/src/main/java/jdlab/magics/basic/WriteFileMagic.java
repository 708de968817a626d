package jdlab.magics.basic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %%writefile [-a] PATH}: the cell's text into a file; a crash mid-write leaves the old file whole. */
public final class WriteFileMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.cell("writefile", "Write the cell's text to a file.")
            .flag("append", 'a', "append to the file instead of replacing it")
            .positional("path", "the file to write; missing folders are created")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws IOException {
        Path path = args.path("path").toAbsolutePath();
        Files.createDirectories(path.getParent());
        byte[] text = (body + "\n").getBytes(StandardCharsets.UTF_8);
        if (args.flag("append")) {
            System.out.println("Appending to " + args.string("path"));
            Files.write(path, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } else {
            System.out.println("Writing " + args.string("path"));
            Path partial = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".partial");
            Files.write(partial, text);
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return null;
    }
}
