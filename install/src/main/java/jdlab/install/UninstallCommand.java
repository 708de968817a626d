package jdlab.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Removes a kernelspec this command installed. */
@Command(name = "uninstall", mixinStandardHelpOptions = true, description = "Remove the jdlab kernelspec.")
final class UninstallCommand implements Callable<Integer> {

    @Mixin
    Location location = new Location();

    @Override
    public Integer call() throws Exception {
        Path dir = location.kernelDir();
        if (!Files.exists(dir.resolve("kernel.json"))) {
            System.err.println("No kernelspec " + location.name + " at " + dir);
            return 1;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            System.err.println("Could not remove " + dir + ": " + e.getMessage());
            return 1;
        }
        System.out.println("Removed kernelspec " + location.name + " from " + dir);
        return 0;
    }
}
