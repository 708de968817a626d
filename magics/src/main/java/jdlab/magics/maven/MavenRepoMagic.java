package jdlab.magics.maven;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %mavenRepo ID URL}: a remote repository that every later {@code %maven} of the session asks. */
public final class MavenRepoMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("mavenRepo",
                    "Add a remote Maven repository for the rest of the session, or list those added.")
            .positionals("repository", "ID URL, as in scijava https://maven.scijava.org/content/groups/public;"
                    + " none lists the repositories added")
            .notes("%maven asks Maven Central, the repositories of ~/.m2/settings.xml, these, then its own"
                    + " --repo; mirrors of settings.xml apply to them all.")
            .build();

    private final MavenSession session;

    /** The magic of the kernel's session, which {@code %maven} shares. */
    public MavenRepoMagic() {
        this(MavenSession.SHARED);
    }

    MavenRepoMagic(MavenSession session) {
        this.session = session;
    }

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        List<String> words = args.strings("repository");
        if (words.isEmpty()) {
            Map<String, String> added = session.repositories();
            return added.isEmpty() ? "No repository added; %maven asks Maven Central and those of ~/.m2/settings.xml."
                    : added.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n"));
        }
        if (words.size() != 2 || !words.get(1).contains(":")) {
            throw args.error("give an id and a URL, as in %mavenRepo scijava "
                    + "https://maven.scijava.org/content/groups/public");
        }
        session.addRepository(words.get(0), words.get(1));
        return null;
    }
}
