package jdlab.magics.maven;

import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %%loadFromPOM}: IJava's cell of POM XML, its dependencies resolved and added as {@code %maven}
 * adds them, with the repositories it names.
 */
public final class LoadFromPomMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.cell("loadFromPOM",
                    "Add the dependencies of a cell of pom.xml text, as %maven adds artifacts.")
            .notes("The cell holds <dependency> elements, optionally with <repository> elements, their"
                            + " <dependencies> and <repositories> lists, or a whole <project> whose <properties>"
                            + " fill ${name} references.",
                    "Dependencies of compile and runtime scope are added; dependency management and plugins are"
                            + " not read. The kernel's libraries keep their versions, as with %maven.")
            .build();

    private final MavenSession session;

    /** The magic of the kernel's session, which {@code %maven} shares. */
    public LoadFromPomMagic() {
        this(MavenSession.SHARED);
    }

    LoadFromPomMagic(MavenSession session) {
        this.session = session;
    }

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        session.addAndReport(PomDependencies.read(body), context);
        return null;
    }
}
