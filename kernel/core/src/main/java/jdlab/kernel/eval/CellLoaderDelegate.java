package jdlab.kernel.eval;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;

/**
 * Hands the classes JShell compiles, and the paths users add, to the cells' {@link CellClassLoader},
 * and keeps each class's bytes in a {@link ClassFolder} for other JVMs.
 */
final class CellLoaderDelegate implements LoaderDelegate {

    private final CellClassLoader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();
    private final ClassFolder folder = new ClassFolder();

    CellLoaderDelegate(List<Path> lent) {
        loader = new CellClassLoader(lent);
    }

    ClassLoader loader() {
        return loader;
    }

    ClassFolder folder() {
        return folder;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
            folder.write(c.name(), c.bytecodes());
        }
        boolean[] installed = new boolean[classes.length];
        for (int i = 0; i < classes.length; i++) {
            try {
                loaded.put(classes[i].name(), loader.loadClass(classes[i].name()));
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.declare(c.name(), c.bytecodes());
            folder.write(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) {
        for (String part : path.split(File.pathSeparator)) {
            loader.add(Path.of(part));
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> found = loaded.get(name);
        return found != null ? found : loader.loadClass(name);
    }
}
