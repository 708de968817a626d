package jdlab.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jdlab.kernel.Kernel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code java -jar jdlab.jar install|uninstall|kernel}. */
@Command(name = "jdlab", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A Jupyter kernel for Java, built on JShell.",
        subcommands = {InstallCommand.class, UninstallCommand.class, Main.KernelCommand.class})
public final class Main {

    public static void main(String[] args) throws Exception {
        // Jupyter's own line, `kernel CONNECTION_FILE`, skips picocli: its classes are compiled for
        // Java 5, which the class-data archive cannot hold, and reading them took a quarter of a
        // second of every kernel start (-Xlog:class+load). Every other line, --help included, is picocli's.
        if (args.length == 2 && args[0].equals("kernel") && !args[1].startsWith("-")) {
            System.exit(KernelCommand.run(Path.of(args[1])));
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Runs the kernel for a connection file, as the kernelspec's argv asks Jupyter to. */
    @Command(name = "kernel", description = "Run the kernel for a Jupyter connection file.")
    static final class KernelCommand implements Callable<Integer> {
        @Parameters(paramLabel = "CONNECTION_FILE", description = "the JSON file Jupyter wrote for this kernel")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            return run(connectionFile);
        }

        static int run(Path connectionFile) throws Exception {
            KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(connectionFile));
            EngineThreads.setDefaults(System.getProperties(), System.getenv(), Runtime.getRuntime().availableProcessors());
            DjlMnistSeeding.atStart(ownJar().getParent());
            Kernel.run(connection);
            return 0;
        }
    }

    static Path ownJar() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jdlab jar", e);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jdlab " + Kernel.VERSION + " on Java " + Runtime.version()};
        }
    }
}
