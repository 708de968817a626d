package jdlab.kernel.eval;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Manifest;

/**
 * Loads what cells see: the classes JShell compiles, the jars users add and, through its parent,
 * the JDK and the jars the kernel lends them (its API and the libraries it ships).
 *
 * <p>The kernel's own dependencies stay out of sight: a user who adds another Gson gets that Gson,
 * not the kernel's, and cannot compile against one and run another. Lent classes come from the
 * kernel's loader, so a value a cell makes is the very type the kernel's renderers know.
 */
final class CellClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled = new ConcurrentHashMap<>();

    CellClassLoader(List<Path> lent) {
        super("jdlab-cells", new URL[0], new LentClasses(lent));
    }

    /** Makes a class JShell compiled loadable by its binary name. */
    void declare(String name, byte[] bytes) {
        compiled.put(name, bytes);
    }

    void add(Path path) {
        try {
            addURL(path.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }

    // Every class defined here gets interrupt checks woven in, so an interrupt stops a loop in a cell
    // or in a jar the user added; the checks call the kernel's Interrupts, the one kernel class cells see.
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.equals(Interrupts.class.getName())) {
            return Interrupts.class;
        }
        byte[] bytes = compiled.get(name);
        if (bytes != null) {
            byte[] woven = CellWeaver.weave(bytes);
            return defineClass(name, woven, 0, woven.length);
        }
        return defineAdded(name);
    }

    // What URLClassLoader.findClass does, with the bytes woven.
    private Class<?> defineAdded(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        URL url = super.findResource(path);
        if (url == null) {
            throw new ClassNotFoundException(name);
        }
        try {
            URLConnection connection = url.openConnection();
            byte[] woven;
            try (InputStream in = connection.getInputStream()) {
                woven = CellWeaver.weave(in.readAllBytes());
            }
            JarURLConnection jar = connection instanceof JarURLConnection j ? j : null;
            String spec = url.toString();
            URL origin = jar != null ? jar.getJarFileURL() : new URL(spec.substring(0, spec.length() - path.length()));
            definePackageOf(name, jar != null ? jar.getManifest() : null, origin);
            return defineClass(name, woven, 0, woven.length, new CodeSource(origin, (CodeSigner[]) null));
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    // A jar's manifest names its package's version, which libraries read to report their own.
    private void definePackageOf(String className, Manifest manifest, URL origin) {
        int dot = className.lastIndexOf('.');
        String name = dot < 0 ? "" : className.substring(0, dot);
        if (dot < 0 || getDefinedPackage(name) != null) {
            return;
        }
        try {
            if (manifest != null) {
                definePackage(name, manifest, origin);
            } else {
                definePackage(name, null, null, null, null, null, null, null);
            }
        } catch (IllegalArgumentException definedMeanwhile) {
            // another thread loading a class of the same package defined it first
        }
    }

    // Libraries that read class files as resources (bytecode tools, serializers) find the cells' too.
    @Override
    public URL findResource(String name) {
        URL url = compiledResource(name);
        return url != null ? url : super.findResource(name);
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        URL url = compiledResource(name);
        return url != null ? Collections.enumeration(List.of(url)) : super.findResources(name);
    }

    private URL compiledResource(String name) {
        if (!name.endsWith(".class")) {
            return null;
        }
        byte[] bytes = compiled.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        if (bytes == null) {
            return null;
        }
        try {
            return new URL(null, "jdlab-cell:" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK and the lent jars, found through the kernel's own loader; nothing else of the kernel's. */
    private static final class LentClasses extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader kernel = CellClassLoader.class.getClassLoader();
        private final List<Path> lent;

        LentClasses(List<Path> lent) {
            super("jdlab-lent", ClassLoader.getPlatformClassLoader());
            this.lent = List.copyOf(lent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (isLent(kernel.getResource(name.replace('.', '/') + ".class"))) {
                return kernel.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            URL url = kernel.getResource(name);
            return isLent(url) ? url : null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return Collections.enumeration(Collections.list(kernel.getResources(name)).stream().filter(this::isLent).toList());
        }

        // jrt: the JDK modules the application loader defines (jdk.compiler, jdk.jshell, ...).
        private boolean isLent(URL url) {
            if (url == null) {
                return false;
            }
            if (url.getProtocol().equals("jrt")) {
                return true;
            }
            Path origin = origin(url);
            return origin != null && lent.stream().anyMatch(origin::startsWith);
        }

        private static Path origin(URL url) {
            try {
                return switch (url.getProtocol()) {
                    case "file" -> Path.of(url.toURI());
                    case "jar" -> {
                        String spec = url.getFile();
                        yield Path.of(new URL(spec.substring(0, spec.indexOf("!/"))).toURI());
                    }
                    default -> null;
                };
            } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
                return null;
            }
        }
    }
}
