package jdlab.magics.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import jdlab.api.KernelContext;

/**
 * What {@code %maven} and {@code %mavenRepo} share in one kernel: the extra remote repositories, the
 * artifacts added so far, and the resolver, made on first use.
 */
final class MavenSession {

    /** The Java system property naming the local repository, as Maven's {@code -Dmaven.repo.local}. */
    static final String LOCAL_REPOSITORY = "maven.repo.local";

    /** The Java system property naming the user's settings.xml, as Maven 3 reads it; else ~/.m2/settings.xml. */
    static final String USER_SETTINGS = "org.apache.maven.user-settings";

    /** The kernel's session: one JVM runs one notebook. */
    static final MavenSession SHARED = new MavenSession(System::getProperty);

    /** An artifact on the class path: {@code key} is group:artifact:extension:classifier, without version. */
    record Added(String key, String coordinate, String version, Path path) { }

    private final UnaryOperator<String> properties;
    private final Map<String, String> repositories = new LinkedHashMap<>();
    private final Map<String, String> usedRepositories = new LinkedHashMap<>();
    private final Map<String, Added> added = new LinkedHashMap<>();
    private final Set<String> said = new HashSet<>();
    private Map<String, String> shipped;
    private MavenResolver resolver;

    /** A session that reads the two Maven properties through {@code properties} (System::getProperty). */
    MavenSession(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    String property(String name) {
        return properties.apply(name);
    }

    /** Adds a remote repository for the rest of the session; an id given again takes the new URL. */
    void addRepository(String id, String url) {
        repositories.put(id, url);
        usedRepositories.put(id, url);
    }

    /** The repositories added with {@code %mavenRepo}, by id, in order. */
    Map<String, String> repositories() {
        return new LinkedHashMap<>(repositories);
    }

    /** The artifact added under this key, or null. */
    Added added(String key) {
        return added.get(key);
    }

    /** Every artifact added, in order. */
    List<Added> added() {
        return new ArrayList<>(added.values());
    }

    /** Remembers what a successful {@code %maven} added, and the repositories of that call for {@code --lock}. */
    void record(List<Added> artifacts, Map<String, String> callRepositories) {
        artifacts.forEach(a -> added.putIfAbsent(a.key(), a));
        usedRepositories.putAll(callRepositories);
    }

    /** The artifacts the kernel ships, group:artifact to version, read once from its class path. */
    Map<String, String> shipped(KernelContext context) throws IOException {
        if (shipped == null) {
            shipped = ShippedArtifacts.read(context.sharedClasspath());
        }
        return shipped;
    }

    /**
     * Resolves the request, adds its jars, and prints each note on a kept or refused version that this
     * session has not printed yet: a cell of several {@code %maven} lines that all pull in DJL's API names
     * the kept version once, not once a line.
     */
    void addAndReport(MavenRequest request, KernelContext context) throws Exception {
        resolver().resolve(request, context).stream().filter(said::add).forEach(System.out::println);
    }

    /** The resolver, made on first use: loading it loads Maven's resolver. */
    MavenResolver resolver() {
        if (resolver == null) {
            resolver = new MavenResolver(this);
        }
        return resolver;
    }

    /**
     * A cell that adds the same jars to a fresh kernel: the repositories used, then every artifact
     * added, pinned, without transitive resolution.
     */
    String lock() {
        if (added.isEmpty()) {
            return "Nothing added with %maven yet.";
        }
        StringBuilder cell = new StringBuilder();
        usedRepositories.forEach((id, url) -> cell.append("%mavenRepo ").append(id).append(' ').append(url).append('\n'));
        cell.append("%maven --intransitive");
        added.values().forEach(a -> cell.append(' ').append(a.coordinate()));
        return cell.toString();
    }
}
