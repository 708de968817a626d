package jdlab.install;

import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        Path dir = location.kernelDir();
        KernelSpec spec = new KernelSpec(dir, displayName);
        spec.write(Main.ownJar());
        System.out.println("Installed kernelspec " + location.name + " in " + spec.dir());
        return 0;
    }
}
