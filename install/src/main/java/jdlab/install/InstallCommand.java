package jdlab.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Registers the kernel with Jupyter. */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Register the jdlab kernel with Jupyter (a kernelspec folder with kernel.json).")
final class InstallCommand implements Callable<Integer> {

    @Mixin
    Location location = new Location();

    @Option(names = "--display-name", defaultValue = "Java (jdlab)", description = "name shown in the launcher (default: ${DEFAULT-VALUE})")
    String displayName;

    @Option(names = "--java-option", paramLabel = "OPTION",
            description = "a JVM option for the kernel, repeatable (e.g. --java-option=-Xmx8g)")
    List<String> javaOptions = new ArrayList<>();

    @Option(names = "--java", paramLabel = "PATH",
            description = "the java executable the kernel runs on, Java 17 or later (default: the one running this installer)")
    Path java;

    @Override
    public Integer call() throws Exception {
        KernelJava kernelJava;
        try {
            kernelJava = java == null ? KernelJava.current() : KernelJava.of(java);
        } catch (KernelJava.UnusableJavaException e) {
            System.err.println("jdlab install: " + e.getMessage());
            return 2;
        }
        KernelSpec spec = new KernelSpec(location.kernelDir(), kernelJava, displayName, javaOptions);
        DjlMnistSeeding.atInstall(Main.ownJar().getParent(), System.out); // before the warm-up kernel starts
        boolean archived = spec.write(Main.ownJar());
        System.out.println("Installed kernelspec " + location.name + " in " + spec.dir());
        System.out.println("The kernel runs on Java " + kernelJava.feature() + ": " + kernelJava.executable()
                + (java == null ? " (the Java running this installer; --java PATH picks another)" : ""));
        System.out.println(archived ? "Start-up classes are in its " + kernelJava.archiveKind() + ", " + kernelJava.archiveName()
                : "No " + kernelJava.archiveKind() + " was recorded (the warm-up session failed), so the kernel starts slower");
        return 0;
    }
}
