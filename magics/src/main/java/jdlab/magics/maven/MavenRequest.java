package jdlab.magics.maven;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdlab.magics.Args;

/**
 * What one {@code %maven} line asks for: coordinates as typed, the remote repositories of this call
 * by id, and the flags.
 */
record MavenRequest(List<String> coordinates, Map<String, String> repositories, boolean offline,
        boolean intransitive, boolean lock) {

    MavenRequest {
        coordinates = List.copyOf(coordinates);
        repositories = Map.copyOf(repositories);
    }

    /** Reads a parsed {@code %maven} line; each {@code --repo} must be {@code ID=URL}. */
    static MavenRequest of(Args args) {
        Map<String, String> repositories = new LinkedHashMap<>();
        for (String repo : args.strings("repo")) {
            int equals = repo.indexOf('=');
            if (equals <= 0 || equals == repo.length() - 1) {
                throw args.error("--repo takes ID=URL, as in --repo scijava="
                        + "https://maven.scijava.org/content/groups/public; got " + repo);
            }
            repositories.put(repo.substring(0, equals), repo.substring(equals + 1));
        }
        MavenRequest request = new MavenRequest(args.strings("coordinates"), repositories, args.flag("offline"),
                args.flag("intransitive"), args.flag("lock"));
        if (request.lock() && !request.coordinates().isEmpty()) {
            throw args.error("--lock prints the session's artifacts; it takes no coordinates");
        }
        if (!request.lock() && request.coordinates().isEmpty()) {
            throw args.error("name at least one artifact, as in %maven org.apache.commons:commons-text:1.12.0");
        }
        return request;
    }
}
