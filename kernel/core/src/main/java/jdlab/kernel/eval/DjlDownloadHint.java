package jdlab.kernel.eval;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one line that replaces some thirty frames of the JDK's network code when a DJL dataset (or
 * model) needs a download and the network cannot be reached: which dataset, from which host, and
 * what the kernel has offline instead.
 */
final class DjlDownloadHint {

    private static final Set<String> NETWORK_FAILURES = Set.of("java.net.UnknownHostException",
            "java.net.ConnectException", "java.net.NoRouteToHostException", "java.net.SocketTimeoutException");
    private static final String REPOSITORY = "ai.djl.repository.";
    private static final String DATASETS = "ai.djl.basicdataset.";

    private DjlDownloadHint() {
    }

    /** The line, if {@code thrown} or one of its causes is a network failure inside DJL's repository code. */
    static Optional<String> of(Throwable thrown, Function<Throwable, String> className) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            if (NETWORK_FAILURES.contains(className.apply(t)) && hasFrameIn(t, REPOSITORY)) {
                // UnknownHostException's message is the host; the others' say little a user can act on.
                String host = className.apply(t).endsWith("UnknownHostException") ? t.getMessage() : "DJL's repository";
                return Optional.of(what(t) + " needs a download from " + host + ", which cannot be reached from here."
                        + " Offline, the kernel has MNIST for DJL's Mnist (ai.djl.basicdataset.cv.classification.Mnist);"
                        + " idx files of your own, such as Fashion-MNIST's, load with jdlab.train.data.Mnist.load");
            }
        }
        return Optional.empty();
    }

    private static boolean hasFrameIn(Throwable t, String packagePrefix) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith(packagePrefix)) {
                return true;
            }
        }
        return false;
    }

    // The dataset's class nearest the user's call: DJL's datasets nest (a CSV dataset inside Ames's).
    private static String what(Throwable t) {
        String dataset = null;
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith(DATASETS)) {
                dataset = frame.getClassName();
            }
        }
        return dataset == null ? "DJL" : "DJL's dataset " + dataset.substring(dataset.lastIndexOf('.') + 1).split("\\$")[0];
    }
}
