package jdlab.train.distributed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import jdlab.train.distributed.Ring.Header;
import jdlab.train.distributed.Ring.Kind;
import jdlab.train.distributed.Ring.Target;

/**
 * Collective operations among the ranks of one launch, over direct TCP connections set up once.
 *
 * <p>Each rank {@linkplain #listen listens}, the ranks swap their {@link Rendezvous#address()}
 * once (in a launch, through Spark's barrier {@code allGather}), and each {@linkplain
 * Rendezvous#connect connects} to the next rank, forming a ring. Every rank must then call the same
 * operations in the same order; each checks that its neighbour is in the same one, so ranks out of
 * step fail with a {@link CollectiveException} instead of mixing data.
 *
 * <p>{@link #allReduce(float[], Reduce)} is a ring all-reduce: a reduce-scatter, after which each
 * rank holds the finished sum of one segment, then an all-gather of those segments, streamed in
 * pieces. Every element is summed once, on one rank, and copied to the others, so all ranks end
 * with bit-identical results. Broadcast, all-gather and barrier pass blocks around the ring.
 *
 * <p>One thread at a time runs operations. Any failure (a peer that fails or closes, the
 * per-operation timeout, an interrupt of the calling thread, {@link #close()} from another thread)
 * throws {@link CollectiveException} and closes this rank's connections, so its neighbours fail
 * too: a failure reaches every rank that waits on the ring. A failed collective cannot be reused.
 *
 * <p>Why this ring and not XGBoost4J's native collective, which is about as fast: that one drops
 * the native return code (a failed all-reduce returns garbage), has no broadcast, and a stuck peer
 * blocks its callers beyond any Java interrupt. Here every wait ends at a deadline or an interrupt.
 */
public final class Collective implements AutoCloseable {

    /** How an all-reduce combines the ranks' values. */
    public enum Reduce {
        SUM, MEAN
    }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final float[] NOTHING = {};
    private static final Duration LOOPBACK_TIMEOUT = Duration.ofSeconds(20);

    private final Ring ring;
    private volatile Duration timeout = DEFAULT_TIMEOUT;

    private Collective(Ring ring) {
        this.ring = ring;
    }

    /**
     * Binds a listening socket (ephemeral port) on the given address; its {@link
     * Rendezvous#address()} is what ranks swap once. The address must be one the other ranks can
     * reach (the loopback address when they run on this machine), not the wildcard.
     */
    public static Rendezvous listen(InetAddress bindAddress) throws IOException {
        if (bindAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException("listen on an address the other ranks can reach, not " + bindAddress.getHostAddress());
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(bindAddress, 0));
            return new Rendezvous(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Connects a ring of {@code ranks} ranks within this JVM over the loopback address, as an embedded
     * launch's ranks are, and returns them in rank order: for ranks run as threads, in tests and
     * benchmarks. Each rank connects on a thread of its own, as it would in a launch; all have ended
     * when this returns. If one fails to connect, the others are closed and this throws.
     */
    public static List<Collective> loopback(int ranks) throws IOException {
        if (ranks < 1) {
            throw new IllegalArgumentException("a ring needs at least one rank, not " + ranks);
        }
        List<Rendezvous> rendezvous = new ArrayList<>();
        try {
            for (int rank = 0; rank < ranks; rank++) {
                rendezvous.add(listen(InetAddress.getLoopbackAddress()));
            }
        } catch (IOException e) {
            rendezvous.forEach(Rendezvous::close);
            throw e;
        }
        List<String> addresses = rendezvous.stream().map(Rendezvous::address).toList();
        Collective[] ring = new Collective[ranks];
        Exception[] failures = new Exception[ranks];
        List<Thread> connecting = new ArrayList<>();
        for (int rank = 0; rank < ranks; rank++) {
            int r = rank;
            Thread thread = new Thread(() -> {
                try {
                    ring[r] = rendezvous.get(r).connect(r, addresses, LOOPBACK_TIMEOUT);
                } catch (IOException | RuntimeException e) {
                    failures[r] = e;
                }
            }, "jdlab-loopback-connect-" + r);
            thread.start();
            connecting.add(thread);
        }
        joinAll(connecting);
        for (Exception failure : failures) {
            if (failure != null) {
                Arrays.stream(ring).filter(Objects::nonNull).forEach(Collective::close);
                throw new IOException("connecting " + ranks + " ranks on loopback failed: " + failure.getMessage(), failure);
            }
        }
        return List.of(ring);
    }

    // Joined even when interrupted, so that no connect outlives the call; the interrupt is kept.
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One rank's listening socket, until the ring is connected. */
    public static final class Rendezvous implements AutoCloseable {

        private final ServerSocketChannel server;
        private final String address;

        private Rendezvous(ServerSocketChannel server) throws IOException {
            this.server = server;
            InetSocketAddress local = (InetSocketAddress) server.getLocalAddress();
            String host = local.getAddress().getHostAddress();
            this.address = (host.contains(":") ? "[" + host + "]" : host) + ":" + local.getPort();
        }

        /** The "host:port" to be swapped among ranks. */
        public String address() {
            return address;
        }

        /**
         * Connects the ring given every rank's address in rank order (this rank's own at {@code
         * rank}); closes the listening socket. Returns once both neighbours have answered, or throws
         * when {@code timeout} passes first.
         */
        public Collective connect(int rank, List<String> addresses, Duration timeout) throws IOException {
            int size = addresses.size();
            Objects.checkIndex(rank, size);
            if (!addresses.get(rank).equals(address)) {
                throw new IllegalArgumentException("address " + rank + " is " + addresses.get(rank) + ", not this rank's " + address);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            SocketChannel next = null;
            SocketChannel previous = null;
            try (server) {
                if (size == 1) {
                    return new Collective(new Ring(0, 1, null, null));
                }
                next = SocketChannel.open();
                next.socket().connect(socketAddress(addresses.get((rank + 1) % size)), millisLeft(deadline));
                server.socket().setSoTimeout(millisLeft(deadline));
                previous = server.socket().accept().getChannel();
                Ring ring = new Ring(rank, size, next, previous);
                try {
                    ring.handshake(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (CollectiveException e) {
                    throw new IOException(e.getMessage(), e);
                }
                return new Collective(ring);
            } catch (IOException | RuntimeException e) {
                closeQuietly(next);
                closeQuietly(previous);
                throw e;
            }
        }

        private static int millisLeft(long deadline) throws SocketTimeoutException {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException("connecting the ring timed out");
            }
            return (int) Math.min(Integer.MAX_VALUE, left);
        }

        private static InetSocketAddress socketAddress(String address) {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("not host:port: " + address);
            }
            String host = address.substring(0, colon).replace("[", "").replace("]", "");
            return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
        }

        private static void closeQuietly(SocketChannel channel) throws IOException {
            if (channel != null) {
                channel.close();
            }
        }

        /** Closes the listening socket, if {@link #connect} has not. */
        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // an unbound port is all that close could have given back
            }
        }
    }

    /** This rank's place in the ring, from 0. */
    public int rank() {
        return ring.rank();
    }

    /** How many ranks the ring has. */
    public int worldSize() {
        return ring.size();
    }

    /**
     * Sets how long each later operation may take (10 minutes unless set) and returns this: an
     * operation not finished by then throws on this rank and, through the ring, on the others.
     */
    public Collective withTimeout(Duration perOperation) {
        if (perOperation.isNegative() || perOperation.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive: " + perOperation);
        }
        timeout = perOperation;
        return this;
    }

    /** Returns once every rank has called it. */
    public void barrier() {
        gather(Kind.BARRIER, 0, NOTHING);
    }

    /**
     * Returns the root's data on every rank (on the root, {@code data} itself); other ranks' data
     * is ignored and may be null.
     */
    public float[] broadcast(float[] data, int root) {
        Objects.checkIndex(root, worldSize());
        float[] mine = rank() == root ? Objects.requireNonNull(data, "the root's data") : NOTHING;
        return gather(Kind.BROADCAST, root, mine)[root];
    }

    /** Returns every rank's data, in rank order (lengths may differ); this rank's entry is a copy. */
    public float[][] allGather(float[] data) {
        return gather(Kind.ALL_GATHER, 0, data.clone());
    }

    /**
     * Replaces {@code data} on every rank with the element-wise sum or mean over the ranks; every
     * rank must pass the same length.
     */
    public void allReduce(float[] data, Reduce op) {
        Objects.requireNonNull(op, "op");
        ring.begin(Kind.ALL_REDUCE, op.ordinal(), data.length, timeout);
        int size = worldSize();
        int rank = rank();
        for (int step = 0; step < size - 1; step++) { // reduce-scatter
            shift(data, segment(rank - step), segment(rank - step - 1), true);
        }
        int owned = segment(rank + 1);
        if (op == Reduce.MEAN) {
            for (int i = start(data, owned); i < start(data, owned + 1); i++) {
                data[i] /= size;
            }
        }
        for (int step = 0; step < size - 1; step++) { // all-gather
            shift(data, segment(rank + 1 - step), segment(rank - step), false);
        }
    }

    /** {@link #allReduce(float[], Reduce)} of a float32 array, in place. */
    public void allReduce(NDArray array, Reduce op) {
        float[] values = floats(array);
        allReduce(values, op);
        array.set(values);
    }

    /** Sets the array on every rank to the root's values; shapes must hold as many elements. */
    public void broadcast(NDArray array, int root) {
        float[] values = broadcast(rank() == root ? floats(array) : null, root);
        if (values.length != array.size()) {
            throw new IllegalArgumentException("rank " + root + " broadcast " + values.length + " values to an array of "
                    + array.size() + " on rank " + rank());
        }
        if (rank() != root) {
            array.set(values);
        }
    }

    /** Closes the connections; idempotent. An operation running on another thread throws. */
    @Override
    public void close() {
        ring.close();
    }

    private float[][] gather(Kind kind, int param, float[] own) {
        ring.begin(kind, param, own.length, timeout);
        int size = worldSize();
        int rank = rank();
        float[][] blocks = new float[size][];
        blocks[rank] = own;
        for (int step = 0; step < size - 1; step++) {
            float[] sent = blocks[segment(rank - step)];
            int in = segment(rank - step - 1);
            ring.step(sent.length, sent, 0, sent.length, header -> {
                blocks[in] = new float[header.length()];
                return new Target(blocks[in], 0, header.length(), false);
            });
        }
        return blocks;
    }

    /** One ring step of an all-reduce: segment {@code out} to the next rank, segment {@code in} from the previous. */
    private void shift(float[] data, int out, int in, boolean add) {
        int from = start(data, out);
        ring.step(data.length, data, from, start(data, out + 1) - from, header -> {
            if (header.length() != data.length) {
                throw ring.mismatch(header);
            }
            return new Target(data, start(data, in), start(data, in + 1) - start(data, in), add);
        });
    }

    /** The segment index modulo the world size. */
    private int segment(int index) {
        return Math.floorMod(index, worldSize());
    }

    /** Where segment {@code index} (0 to the world size) starts: the segments split the array evenly. */
    private int start(float[] data, int index) {
        return (int) ((long) data.length * index / worldSize());
    }

    private static float[] floats(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("collectives take float32 arrays, not " + array.getDataType());
        }
        return array.toFloatArray();
    }
}
