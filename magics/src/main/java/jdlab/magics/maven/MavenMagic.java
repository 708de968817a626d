package jdlab.magics.maven;

import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %maven GROUP:ARTIFACT:VERSION...}: resolves artifacts with their dependencies and adds the jars to
 * the session, usable from the next line on; {@code --lock} prints a cell that adds the same jars again.
 */
public final class MavenMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("maven",
                    "Add Maven artifacts and their dependencies to the session, usable from the next line on.")
            .repeatableOption("repo", 'r', "ID=URL of a remote repository for this call; repeatable"
                    + " (%mavenRepo adds one for the session)")
            .flag("offline", 'o', "use only the local repository, ask no remote one")
            .flag("intransitive", 'i', "add exactly these artifacts, not their dependencies")
            .flag("lock", 'l', "print a cell that adds the same jars to a fresh kernel: the repositories used"
                    + " and every artifact added, pinned, with --intransitive")
            .positionals("coordinates", "GROUP:ARTIFACT:VERSION, or GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION")
            .notes("Maven's resolver (through MIMA) reads ~/.m2/settings.xml as Maven does: mirrors, proxies,"
                            + " servers, profiles, localRepository. Two Java system properties change where it looks;"
                            + " set them with %env NAME=VALUE before %maven:",
                    "  " + MavenSession.LOCAL_REPOSITORY + "                 another local repository",
                    "  " + MavenSession.USER_SETTINGS + "   another settings.xml",
                    "Dependencies of compile and runtime scope are added. The libraries the kernel lends to cells"
                            + " (jdlab's API, Tablesaw, DJL) keep their versions, and so does an artifact added earlier: a request for"
                            + " another version is"
                            + " reported on one line and the version already loaded is used (restart the kernel to"
                            + " change it). Nothing is added when anything fails.",
                    "Another DJL engine (ai.djl.mxnet, ai.djl.tensorflow, ...) is not added: the kernel's PyTorch"
                            + " engine stays the default. Nor are SLF4J 1 logging bindings, which the kernel's SLF4J 2"
                            + " ignores. Each such note is said once a session.")
            .build();

    private final MavenSession session;

    /** The magic of the kernel's session, which {@code %mavenRepo} shares. */
    public MavenMagic() {
        this(MavenSession.SHARED);
    }

    MavenMagic(MavenSession session) {
        this.session = session;
    }

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        MavenRequest request = MavenRequest.of(args);
        if (request.lock()) {
            return session.lock();
        }
        // Printed, not returned: a %maven line followed by Java code has its value dropped.
        session.addAndReport(request, context);
        return null;
    }
}
