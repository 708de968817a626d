package jdlab.magics.maven;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.context.Runtimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import jdlab.api.DisplayHandle;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.graph.manager.DependencyManagerUtils;

/**
 * Resolves a {@code %maven} request with Maven's resolver, through a MIMA context made for the call, so
 * that {@code %env maven.repo.local=...} and the settings file are read afresh each time.
 *
 * <p>The kernel's artifacts and those added earlier go into the request as managed dependencies: the
 * graph converges on their versions, and the resolver's verbose mode keeps the version each node asked
 * for, which is how a replaced version is reported. Their jars are not added again.
 */
final class MavenResolver {

    private static final long TICK_MILLIS = 100; // at most ten display updates a second

    /** What one resolution adds to the class path, and the versions it kept. */
    record Resolution(List<MavenSession.Added> added, List<String> notes) { }

    private final MavenSession session;

    MavenResolver(MavenSession session) {
        this.session = session;
    }

    /**
     * Resolves the request and adds its jars, all or none.
     *
     * @return one line per requested version that was not used, and why
     * @throws UsageException naming what was wrong, or what was not found and where it was looked for
     */
    List<String> resolve(MavenRequest request, KernelContext context) throws Exception {
        List<Artifact> asked = request.coordinates().stream().map(MavenResolver::parse).toList();
        Map<String, String> shipped = session.shipped(context);
        Set<String> notes = new LinkedHashSet<>();
        List<Artifact> wanted = new ArrayList<>();
        for (Artifact artifact : asked) {
            Optional<String> refused = RefusedArtifacts.reason(artifact, shipped);
            if (refused.isPresent()) {
                notes.add(refused.get());
                continue;
            }
            String shippedVersion = shipped.get(groupArtifact(artifact));
            MavenSession.Added earlier = session.added(key(artifact));
            if (shippedVersion != null) {
                notes.add(keptByKernel(coordinate(artifact), artifact.getVersion(), shippedVersion));
            } else if (earlier != null) {
                if (!earlier.version().equals(artifact.getVersion())) {
                    notes.add(keptFromSession(coordinate(artifact), earlier.version()));
                }
            } else {
                wanted.add(artifact);
            }
        }
        if (!wanted.isEmpty()) {
            DownloadProgress progress = new DownloadProgress();
            ContextOverrides overrides = overrides(request, progress);
            // The worker gets copies: after an interrupt it may run on while the next cell changes the session.
            Map<String, MavenSession.Added> loaded = new LinkedHashMap<>();
            session.added().forEach(a -> loaded.put(a.key(), a));
            Resolution resolution = inBackground(new FutureTask<>(() -> resolveNow(wanted, request.intransitive(),
                    overrides, shipped, loaded)), progress, context);
            resolution.added().forEach(added -> context.addToClasspath(added.path()));
            session.record(resolution.added(), request.repositories());
            notes.addAll(resolution.notes());
        }
        return List.copyOf(notes);
    }

    /** Reads coordinates as Maven does; anything else is a one-line usage error. */
    static Artifact parse(String coordinate) {
        try {
            return new DefaultArtifact(coordinate);
        } catch (IllegalArgumentException e) {
            throw new UsageException("%maven: " + coordinate + " is not group:artifact:version"
                    + " (nor group:artifact:extension[:classifier]:version)");
        }
    }

    // The resolver blocks; the cell's thread stays free to update the progress display (the kernel wants
    // display calls from it) and to notice an interrupt.
    private static Resolution inBackground(FutureTask<Resolution> task, DownloadProgress progress,
            KernelContext context) throws Exception {
        Thread worker = new Thread(task, "jdlab-maven");
        worker.setDaemon(true);
        worker.start();
        DisplayHandle display = null;
        String shown = null;
        try {
            while (true) {
                try {
                    return task.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (context.interrupted()) {
                        task.cancel(true);
                        throw new UsageException("%maven: interrupted; nothing was added");
                    }
                    String text = progress.text();
                    if (text != null && !text.equals(shown)) {
                        display = show(display, text, context);
                        shown = text;
                    }
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                } catch (InterruptedException e) {
                    task.cancel(true);
                    throw new UsageException("%maven: interrupted; nothing was added");
                }
            }
        } finally {
            if (progress.files() > 0) {
                show(display, progress.summary(), context);
            }
        }
    }

    private static DisplayHandle show(DisplayHandle display, String text, KernelContext context) {
        if (display == null) {
            return context.displayUpdatable(text);
        }
        display.update(text);
        return display;
    }

    private static Resolution resolveNow(List<Artifact> wanted, boolean intransitive, ContextOverrides overrides,
            Map<String, String> shipped, Map<String, MavenSession.Added> loaded)
            throws RepositoryException {
        Context mima = open(overrides);
        try (mima) {
            DefaultRepositorySystemSession repositorySession = new DefaultRepositorySystemSession(
                    mima.repositorySystemSession());
            repositorySession.setConfigProperty(DependencyManagerUtils.CONFIG_PROP_VERBOSE, true);
            // The kernel's own pom files may be absent offline; the kernel ships their dependencies anyway.
            ArtifactDescriptorPolicy policy = repositorySession.getArtifactDescriptorPolicy();
            repositorySession.setArtifactDescriptorPolicy((s, r) -> shipped.containsKey(groupArtifact(r.getArtifact()))
                    ? ArtifactDescriptorPolicy.IGNORE_ERRORS
                    : policy == null ? ArtifactDescriptorPolicy.STRICT : policy.getPolicy(s, r));
            try {
                return intransitive ? exactly(wanted, mima, repositorySession)
                        : transitively(wanted, shipped, loaded, mima, repositorySession);
            } catch (DependencyResolutionException | ArtifactResolutionException e) {
                throw failure(e, wanted, mima, repositorySession);
            }
        }
    }

    private static Context open(ContextOverrides overrides) {
        try {
            return Runtimes.INSTANCE.getRuntime().create(overrides);
        } catch (IllegalStateException e) {
            // MIMA's way of saying the settings could not be read. Maven's message counts the problems on its
            // first line and lists them below; the first problem says more.
            List<String> lines = String.valueOf(rootCause(e).getMessage()).lines().toList();
            throw new UsageException("%maven: cannot read the Maven settings: "
                    + (lines.size() > 1 ? lines.get(1) : firstLine(rootCause(e))).strip());
        }
    }

    private ContextOverrides overrides(MavenRequest request, DownloadProgress progress) {
        Map<String, RemoteRepository> repositories = new LinkedHashMap<>();
        repositories.put(ContextOverrides.CENTRAL.getId(), ContextOverrides.CENTRAL);
        Map<String, String> extra = session.repositories();
        extra.putAll(request.repositories());
        extra.forEach((id, url) -> repositories.put(id, new RemoteRepository.Builder(id, "default", url).build()));
        ContextOverrides.Builder overrides = ContextOverrides.create().withUserSettings(true)
                .offline(request.offline()).repositories(List.copyOf(repositories.values()))
                .transferListener(progress);
        String local = session.property(MavenSession.LOCAL_REPOSITORY);
        if (local != null && !local.isBlank()) {
            overrides.withLocalRepositoryOverride(Path.of(local).toAbsolutePath());
        }
        String settings = session.property(MavenSession.USER_SETTINGS);
        if (settings != null && !settings.isBlank()) {
            Path file = Path.of(settings).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new UsageException("%maven: " + MavenSession.USER_SETTINGS + " names " + file
                        + ", which is not a file");
            }
            overrides.withUserSettingsXmlOverride(file);
        }
        return overrides.build();
    }

    private static Resolution exactly(List<Artifact> wanted, Context mima, RepositorySystemSession repositorySession)
            throws ArtifactResolutionException {
        List<ArtifactRequest> requests = wanted.stream()
                .map(artifact -> new ArtifactRequest(artifact, mima.remoteRepositories(), null)).toList();
        List<MavenSession.Added> added = mima.repositorySystem().resolveArtifacts(repositorySession, requests).stream()
                .map(ArtifactResult::getArtifact).map(MavenResolver::added).toList();
        return new Resolution(added, List.of());
    }

    private static Resolution transitively(List<Artifact> wanted, Map<String, String> shipped,
            Map<String, MavenSession.Added> loaded, Context mima, RepositorySystemSession repositorySession)
            throws DependencyResolutionException {
        List<Dependency> managed = new ArrayList<>();
        shipped.forEach((groupArtifact, version) -> managed.add(new Dependency(
                new DefaultArtifact(groupArtifact + ":" + version), JavaScopes.COMPILE)));
        loaded.values().forEach(a -> managed.add(new Dependency(parse(a.coordinate()), JavaScopes.COMPILE)));
        CollectRequest collect = new CollectRequest(
                wanted.stream().map(a -> new Dependency(a, JavaScopes.COMPILE)).toList(), managed,
                mima.remoteRepositories());
        DependencyFilter notLoadedYet = (node, parents) -> node.getArtifact() == null
                || !shipped.containsKey(groupArtifact(node.getArtifact())) && !loaded.containsKey(key(node.getArtifact()));
        DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.andFilter(
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME), notLoadedYet));
        var result = mima.repositorySystem().resolveDependencies(repositorySession, request);
        List<MavenSession.Added> added = result.getArtifactResults().stream()
                .map(ArtifactResult::getArtifact).map(MavenResolver::added).toList();
        List<String> notes = new ArrayList<>();
        replacedVersions(result.getRoot(), shipped, loaded, Collections.newSetFromMap(new IdentityHashMap<>()), notes);
        return new Resolution(added, notes);
    }

    // Where dependency management replaced a version with the kernel's or the session's, says so.
    private static void replacedVersions(DependencyNode node, Map<String, String> shipped,
            Map<String, MavenSession.Added> loaded, Set<DependencyNode> seen, List<String> notes) {
        if (!seen.add(node)) {
            return;
        }
        String asked = DependencyManagerUtils.getPremanagedVersion(node);
        Artifact artifact = node.getArtifact();
        if (asked != null && artifact != null && !asked.equals(artifact.getVersion())) {
            String coordinate = coordinate(artifact.setVersion(asked));
            MavenSession.Added earlier = loaded.get(key(artifact));
            if (shipped.containsKey(groupArtifact(artifact))) {
                notes.add(keptByKernel(coordinate, asked, shipped.get(groupArtifact(artifact))));
            } else if (earlier != null) {
                notes.add(keptFromSession(coordinate, earlier.version()));
            }
        }
        node.getChildren().forEach(child -> replacedVersions(child, shipped, loaded, seen, notes));
    }

    private static String keptByKernel(String coordinate, String asked, String shipped) {
        return asked.equals(shipped) ? coordinate + ": the kernel ships this version already"
                : coordinate + " asked for; the kernel ships " + shipped + " and keeps it";
    }

    private static String keptFromSession(String coordinate, String earlier) {
        return coordinate + " asked for; " + earlier + " is already on the class path (restart the kernel to change it)";
    }

    private static UsageException failure(RepositoryException e, List<Artifact> wanted, Context mima,
            RepositorySystemSession repositorySession) {
        String remotes = repositorySession.isOffline() ? " (offline: no remote repository asked)"
                : mima.remoteRepositories().stream().map(r -> r.getId() + " (" + r.getUrl() + ")")
                        .collect(Collectors.joining(", ", " and ", ""));
        String where = "the local repository " + repositorySession.getLocalRepository().getBasedir() + remotes;
        List<Throwable> causes = new ArrayList<>();
        causes(e, causes, Collections.newSetFromMap(new IdentityHashMap<>()));
        for (Throwable cause : causes) {
            if (cause instanceof ArtifactNotFoundException missing) {
                Artifact artifact = missing.getArtifact();
                boolean askedFor = wanted.stream().anyMatch(a -> groupArtifact(a).equals(groupArtifact(artifact))
                        && a.getVersion().equals(artifact.getVersion()));
                String neededBy = askedFor ? "" : wanted.size() == 1 ? " (needed by " + coordinate(wanted.get(0)) + ")"
                        : " (needed by what was asked for)";
                return new UsageException("%maven: " + coordinate(artifact.getExtension().equals("pom")
                        ? new DefaultArtifact(artifact.getGroupId(), artifact.getArtifactId(), "jar", artifact.getVersion())
                        : artifact) + " not found" + neededBy + "; looked in " + where);
            }
        }
        return new UsageException("%maven: could not resolve "
                + wanted.stream().map(MavenResolver::coordinate).collect(Collectors.joining(" ")) + ": "
                + firstLine(rootCause(e)) + "; looked in " + where);
    }

    // The resolver nests its failures in results as well as causes.
    private static void causes(Throwable e, List<Throwable> all, Set<Throwable> seen) {
        if (e == null || !seen.add(e)) {
            return;
        }
        all.add(e);
        if (e instanceof DependencyResolutionException d && d.getResult() != null) {
            d.getResult().getCollectExceptions().forEach(c -> causes(c, all, seen));
            d.getResult().getArtifactResults().forEach(r -> r.getExceptions().forEach(c -> causes(c, all, seen)));
        }
        if (e instanceof DependencyCollectionException c && c.getResult() != null) {
            c.getResult().getExceptions().forEach(x -> causes(x, all, seen));
        }
        if (e instanceof ArtifactResolutionException a) {
            a.getResults().forEach(r -> r.getExceptions().forEach(x -> causes(x, all, seen)));
        }
        if (e instanceof ArtifactDescriptorException a && a.getResult() != null) {
            a.getResult().getExceptions().forEach(x -> causes(x, all, seen));
        }
        causes(e.getCause(), all, seen);
        for (Throwable suppressed : e.getSuppressed()) {
            causes(suppressed, all, seen);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }

    private static MavenSession.Added added(Artifact artifact) {
        return new MavenSession.Added(key(artifact), coordinate(artifact), artifact.getVersion(),
                artifact.getFile().toPath());
    }

    /** group:artifact:version, with extension and classifier only when not a plain jar. */
    static String coordinate(Artifact artifact) {
        boolean plainJar = artifact.getExtension().equals("jar") && artifact.getClassifier().isEmpty();
        return artifact.getGroupId() + ":" + artifact.getArtifactId()
                + (plainJar ? "" : ":" + artifact.getExtension()
                        + (artifact.getClassifier().isEmpty() ? "" : ":" + artifact.getClassifier()))
                + ":" + artifact.getVersion();
    }

    private static String groupArtifact(Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId();
    }

    // As Maven's dependency management keys artifacts: version aside, a jar and its classifiers differ.
    private static String key(Artifact artifact) {
        return groupArtifact(artifact) + ":" + artifact.getExtension() + ":" + artifact.getClassifier();
    }
}
