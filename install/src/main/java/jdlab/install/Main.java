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
        subcommands = {InstallCommand.class, UninstallCommand.class, Main.KernelCommand.class, Main.WarmupCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Runs the kernel for a connection file, as the kernelspec's argv asks Jupyter to. */
    @Command(name = "kernel", description = "Run the kernel for a Jupyter connection file.")
    static final class KernelCommand implements Callable<Integer> {
        @Parameters(paramLabel = "CONNECTION_FILE", description = "the JSON file Jupyter wrote for this kernel")
        Path connectionFile;

        @Override
        public Integer call() throws Exception {
            KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(connectionFile));
            EngineThreads.setDefaults(System.getProperties(), System.getenv(), Runtime.getRuntime().availableProcessors());
            Kernel.run(connection);
            return 0;
        }
    }

    /** Runs typical work once so that the class-data-sharing archive made at install holds its classes. */
    @Command(name = "warmup", hidden = true, description = "Exercise the kernel's classes (used at install).")
    static final class WarmupCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            Warmup.run();
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
