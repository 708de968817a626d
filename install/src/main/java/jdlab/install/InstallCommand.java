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

    @Override
    public Integer call() throws Exception {
        Path dir = location.kernelDir();
        KernelSpec spec = new KernelSpec(dir, displayName, javaOptions);
        DjlMnistSeeding.atInstall(Main.ownJar().getParent(), System.out); // before the warm-up kernel starts
        spec.write(Main.ownJar());
        System.out.println("Installed kernelspec " + location.name + " in " + spec.dir());
        return 0;
    }
}
