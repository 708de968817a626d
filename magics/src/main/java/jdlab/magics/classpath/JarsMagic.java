package jdlab.magics.classpath;

/** {@code %jars PATH...}: IJava's name for {@link ClasspathMagic}, so its notebooks run unchanged. */
public final class JarsMagic extends ClasspathMagic {

    public JarsMagic() {
        super("jars", "IJava's name for %classpath: add jars or class folders (globs allowed), or list those added.");
    }
}
