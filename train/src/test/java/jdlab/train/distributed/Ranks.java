package jdlab.train.distributed;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Ranks as threads of this JVM, connected over real sockets on the loopback address. */
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

    /** Connects a ring of {@code size} ranks, each connect on its own thread as in a launch. */
    static List<Collective> connect(int size) throws Exception {
        List<Collective.Rendezvous> rendezvous = new ArrayList<>();
        for (int rank = 0; rank < size; rank++) {
            rendezvous.add(Collective.listen(InetAddress.getLoopbackAddress()));
        }
        List<String> addresses = rendezvous.stream().map(Collective.Rendezvous::address).toList();
        List<Outcome<Collective>> ring = run(size, rank -> rendezvous.get(rank).connect(rank, addresses, Duration.ofSeconds(20)));
        return ring.stream().map(Outcome::get).toList();
    }

    /** Runs the body on every rank of the ring, each on its own thread; waits for all. */
    static <T> List<Outcome<T>> run(List<Collective> ring, Body<T> body) throws Exception {
        return run(ring.size(), rank -> body.run(ring.get(rank)));
    }

    interface RankBody<T> {
        T run(int rank) throws Exception;
    }

    static <T> List<Outcome<T>> run(int size, RankBody<T> body) throws Exception {
        List<CompletableFuture<Outcome<T>>> outcomes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int rank = 0; rank < size; rank++) {
            int r = rank;
            CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            Thread thread = new Thread(() -> {
                try {
                    T value = body.run(r);
                    outcome.complete(new Outcome<>(value, null, System.nanoTime()));
                } catch (Throwable e) {
                    outcome.complete(new Outcome<>(null, e, System.nanoTime()));
                }
            }, "rank-" + r);
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
