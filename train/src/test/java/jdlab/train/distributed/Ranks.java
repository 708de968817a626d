package jdlab.train.distributed;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the ranks of a {@link Collective#loopback} ring as threads, and finds what they leave behind. */
final class Ranks {

    /** What one rank does with its collective. */
    interface Body<T> {
        T run(Collective collective) throws Exception;
    }

    /** How one rank's body ended, and when (System.nanoTime). */
    record Outcome<T>(T value, Throwable error, long endedAt) {
        T get() {
            if (error != null) {
                throw new AssertionError("the rank failed", error);
            }
            return value;
        }
    }

    private Ranks() {
    }

    /** Runs the body on every rank of the ring, each on its own thread; waits for all. */
    static <T> List<Outcome<T>> run(List<Collective> ring, Body<T> body) throws Exception {
        List<CompletableFuture<Outcome<T>>> outcomes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Collective collective : ring) {
            CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            Thread thread = new Thread(() -> {
                try {
                    T value = body.run(collective);
                    outcome.complete(new Outcome<>(value, null, System.nanoTime()));
                } catch (Throwable e) {
                    outcome.complete(new Outcome<>(null, e, System.nanoTime()));
                }
            }, "rank-" + collective.rank());
            thread.start();
            threads.add(thread);
        }
        List<Outcome<T>> results = new ArrayList<>();
        for (CompletableFuture<Outcome<T>> outcome : outcomes) {
            results.add(outcome.get(60, TimeUnit.SECONDS));
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        return results;
    }

    /** Sockets and selectors this process holds open, counted from /proc/self/fd. */
    static long openSockets() throws IOException {
        SocketChannel.open().close(); // NIO's first use opens one socket it keeps for good
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(Ranks::target).filter(t -> t.startsWith("socket:") || t.equals("anon_inode:[eventpoll]")).count();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // the descriptor closed while listing (the listing's own)
        }
    }

    /** Names of live threads that run a rank. */
    static List<String> rankThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("rank-")).toList();
    }
}
