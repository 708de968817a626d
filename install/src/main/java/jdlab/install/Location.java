package jdlab.install;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where a kernelspec goes, as {@code jupyter kernelspec install} names the places. */
final class Location {

    static final class Choice {
        @Option(names = "--user", description = "the user's Jupyter data folder (the default)")
        boolean user;

        @Option(names = "--sys-prefix", description = "the prefix of the python3 on PATH (a virtualenv or conda env)")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter/kernels")
        Path prefix;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Choice choice;

    @Option(names = "--name", defaultValue = "jdlab", description = "kernelspec name (default: ${DEFAULT-VALUE})")
    String name;

    /** The kernelspec folder for this choice and name. */
    Path kernelDir() throws IOException, InterruptedException {
        return kernelsDir().resolve(name);
    }

    private Path kernelsDir() throws IOException, InterruptedException {
        if (choice != null && choice.prefix != null) {
            return choice.prefix.toAbsolutePath().resolve("share/jupyter/kernels");
        }
        if (choice != null && choice.sysPrefix) {
            return Path.of(pythonPrefix()).resolve("share/jupyter/kernels");
        }
        String dataDir = System.getenv("JUPYTER_DATA_DIR");
        Path base = dataDir != null && !dataDir.isBlank() ? Path.of(dataDir)
                : Path.of(System.getProperty("user.home"), ".local", "share", "jupyter");
        return base.resolve("kernels");
    }

    private static String pythonPrefix() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix)").start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IOException("--sys-prefix needs python3 on PATH to tell its prefix");
        }
        return out;
    }
}
