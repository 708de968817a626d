package jdlab.train.distributed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * Collective operations among the ranks of one launch, over direct TCP connections set up once:
 * each rank sends to the next rank of a ring and receives from the previous one.
 *
 * <p>Why a ring over NIO and not XGBoost's native collective: an operation here can be interrupted
 * (the calling thread's interrupt ends it at once), has a timeout, and fails in every rank when one
 * rank fails, since a failing rank closes its connections and its neighbours see them closed. The
 * native one returns garbage when a call fails and blocks beyond any Java interrupt. All-reduce is
 * the bandwidth-optimal ring: a reduce-scatter, then an all-gather, each rank moving
 * {@code 2 (n - 1) / n} of the array.
 *
 * <p>Channels are non-blocking and driven by one selector, so that a rank can send a chunk and
 * receive one at the same time: with blocking writes, two ranks each writing more than the socket
 * buffers hold would wait on each other forever. Every rank ends an all-reduce with the same bits,
 * since each chunk's sum is made once, by one rank, and copied to the others.
 *
 * <p>Not thread-safe: each rank calls its operations from one thread at a time, in the same order
 * as the other ranks.
 */
public final class Collective implements AutoCloseable {

    /** How an all-reduce combines the ranks' arrays. */
    public enum Reduce { SUM, MEAN }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10); // longer than any one step's compute

    private final int rank;
    private final int worldSize;
    private final SocketChannel next; // null when alone
    private final SocketChannel previous;
    private final Selector selector;
    private SelectionKey nextKey;
    private SelectionKey previousKey;
    private long timeoutNanos = DEFAULT_TIMEOUT.toNanos();
    private ByteBuffer sending = direct(0);
    private ByteBuffer receiving = direct(0);
    private final ByteBuffer sendingHeader = direct(Integer.BYTES);
    private final ByteBuffer receivingHeader = direct(Integer.BYTES);
    private volatile boolean closed;

    private Collective(int rank, int worldSize, SocketChannel next, SocketChannel previous) throws IOException {
        this.rank = rank;
        this.worldSize = worldSize;
        this.next = next;
        this.previous = previous;
        this.selector = worldSize > 1 ? Selector.open() : null;
        if (selector != null) {
            next.configureBlocking(false);
            previous.configureBlocking(false);
            nextKey = next.register(selector, 0);
            previousKey = previous.register(selector, 0);
        }
    }

    /** Binds a listening socket on an ephemeral port of the given address; its address is what ranks swap, once. */
    public static Rendezvous listen(InetAddress bindAddress) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(new InetSocketAddress(bindAddress, 0));
            return new Rendezvous(server);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** One rank's listening socket, between the address swap and the ring's connections. */
    public static final class Rendezvous implements AutoCloseable {

        private final ServerSocketChannel server;

        private Rendezvous(ServerSocketChannel server) {
            this.server = server;
        }

        /** {@code host:port}, to be sent to the other ranks. */
        public String address() {
            try {
                InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
                return bound.getAddress().getHostAddress() + ":" + bound.getPort();
            } catch (IOException e) {
                throw new CollectiveException("the rendezvous socket is closed", e);
            }
        }

        /**
         * Connects the ring, given every rank's address in rank order, and closes the listening socket.
         *
         * @throws CollectiveException when the neighbours do not connect within the timeout
         */
        public Collective connect(int rank, List<String> addresses, Duration timeout) throws IOException {
            int size = addresses.size();
            if (rank < 0 || rank >= size) {
                throw new IllegalArgumentException("rank " + rank + " is not among the " + size + " addresses");
            }
            try (server) {
                if (size == 1) {
                    return new Collective(0, 1, null, null);
                }
                long deadline = System.nanoTime() + timeout.toNanos();
                int nextRank = (rank + 1) % size;
                SocketChannel next = connectTo(addresses.get(nextRank), nextRank, timeout);
                try {
                    next.write(direct(Integer.BYTES).putInt(0, rank));
                    SocketChannel previous = accept((rank + size - 1) % size, deadline);
                    return new Collective(rank, size, next, previous);
                } catch (IOException | RuntimeException e) {
                    next.close();
                    throw e;
                }
            }
        }

        private static SocketChannel connectTo(String address, int peer, Duration timeout) throws IOException {
            int colon = address.lastIndexOf(':');
            InetSocketAddress target = new InetSocketAddress(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1)));
            SocketChannel channel = SocketChannel.open();
            try {
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                channel.socket().connect(target, (int) Math.max(1, timeout.toMillis()));
                return channel;
            } catch (IOException e) {
                channel.close();
                throw new CollectiveException("cannot reach rank " + peer + " at " + address + ": " + e.getMessage(), e);
            }
        }

        // The previous rank connects and names itself; anyone else is turned away.
        private SocketChannel accept(int peer, long deadline) throws IOException {
            server.configureBlocking(false);
            try (Selector waiting = Selector.open()) {
                server.register(waiting, SelectionKey.OP_ACCEPT);
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        throw new CollectiveException("rank " + peer + " did not connect in time", null);
                    }
                    waiting.select(left);
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CollectiveException("interrupted while waiting for rank " + peer, null);
                    }
                    SocketChannel channel = server.accept();
                    if (channel == null) {
                        continue;
                    }
                    try {
                        channel.socket().setSoTimeout((int) Math.max(1, left)); // the blocking hello honours it
                        byte[] hello = channel.socket().getInputStream().readNBytes(Integer.BYTES);
                        if (hello.length == Integer.BYTES
                                && ByteBuffer.wrap(hello).order(ByteOrder.LITTLE_ENDIAN).getInt() == peer) {
                            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                            return channel;
                        }
                    } catch (IOException e) {
                        // not the previous rank, or it said nothing in time: turned away below
                    }
                    channel.close();
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    public int rank() {
        return rank;
    }

    public int worldSize() {
        return worldSize;
    }

    /** Sets how long one operation may wait on the other ranks before it fails; returns this. */
    public Collective withTimeout(Duration perOperation) {
        if (perOperation.isNegative() || perOperation.isZero()) {
            throw new IllegalArgumentException("the timeout must be above zero, not " + perOperation);
        }
        this.timeoutNanos = perOperation.toNanos();
        return this;
    }

    /** Returns when every rank has called it. */
    public void barrier() {
        allGather(new float[0]); // after n - 1 steps round the ring, every rank has heard from every other
    }

    /** The root's array, on every rank; every rank passes an array of the same length. */
    public float[] broadcast(float[] data, int root) {
        checkRank(root);
        float[] result = rank == root || worldSize == 1 ? data.clone() : new float[data.length];
        if (worldSize > 1) {
            long deadline = deadline();
            // Passed along the ring from the root; the rank before the root does not pass it on.
            if (rank != root) {
                exchange(null, 0, 0, result, 0, result.length, false, deadline);
            }
            if (nextRank() != root) {
                exchange(result, 0, result.length, null, 0, 0, false, deadline);
            }
        }
        return result;
    }

    /** Every rank's array, in rank order; their lengths may differ. */
    public float[][] allGather(float[] data) {
        float[][] all = new float[worldSize][];
        all[rank] = data.clone();
        long deadline = deadline();
        for (int step = 0; step < worldSize - 1; step++) {
            float[] out = all[(rank - step + worldSize) % worldSize];
            int from = (rank - step - 1 + worldSize) % worldSize;
            int length = exchangeHeaders(out.length, deadline);
            all[from] = new float[length];
            exchange(out, 0, out.length, all[from], 0, length, false, deadline);
        }
        return all;
    }

    /** Combines every rank's array, element by element, into each rank's array. */
    public void allReduce(float[] data, Reduce op) {
        if (worldSize > 1) {
            long deadline = deadline();
            int n = worldSize;
            // Reduce-scatter: after n - 1 steps, rank r holds the whole sum of chunk r + 1.
            for (int step = 0; step < n - 1; step++) {
                int out = (rank - step + n) % n;
                int in = (rank - step - 1 + n) % n;
                exchange(data, start(out, data.length), end(out, data.length), data, start(in, data.length),
                        end(in, data.length), true, deadline);
            }
            // All-gather: each finished chunk goes round the ring once.
            for (int step = 0; step < n - 1; step++) {
                int out = (rank + 1 - step + n) % n;
                int in = (rank - step + n) % n;
                exchange(data, start(out, data.length), end(out, data.length), data, start(in, data.length),
                        end(in, data.length), false, deadline);
            }
        }
        if (op == Reduce.MEAN) {
            for (int i = 0; i < data.length; i++) {
                data[i] /= worldSize;
            }
        }
    }

    /** {@link #allReduce(float[], Reduce)} of a float32 array, in place. */
    public void allReduce(NDArray array, Reduce op) {
        float[] data = floats(array);
        allReduce(data, op);
        array.set(data);
    }

    /** {@link #broadcast(float[], int)} of a float32 array, in place. */
    public void broadcast(NDArray array, int root) {
        array.set(broadcast(floats(array), root));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : new AutoCloseable[] {next, previous, selector}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing: nothing left to tell
            }
        }
    }

    private static float[] floats(NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("collectives take float32 arrays, not " + array.getDataType());
        }
        return array.toFloatArray();
    }

    private int start(int chunk, int length) {
        return (int) ((long) chunk * length / worldSize);
    }

    private int end(int chunk, int length) {
        return start(chunk + 1, length);
    }

    private long deadline() {
        if (closed) {
            throw new CollectiveException("rank " + rank + "'s collective is closed", null);
        }
        return System.nanoTime() + timeoutNanos;
    }

    private void checkRank(int root) {
        if (root < 0 || root >= worldSize) {
            throw new IllegalArgumentException("root " + root + " is not a rank of " + worldSize);
        }
    }

    private int exchangeHeaders(int length, long deadline) {
        sendingHeader.clear().putInt(0, length);
        receivingHeader.clear();
        pump(sendingHeader, receivingHeader, deadline);
        return receivingHeader.getInt(0);
    }

    /**
     * Sends {@code out[outFrom, outTo)} to the next rank while receiving {@code in[inFrom, inTo)} from the
     * previous one, adding what arrives when {@code add}, else storing it.
     */
    private void exchange(float[] out, int outFrom, int outTo, float[] in, int inFrom, int inTo, boolean add, long deadline) {
        int outBytes = (outTo - outFrom) * Float.BYTES;
        int inBytes = (inTo - inFrom) * Float.BYTES;
        if (sending.capacity() < outBytes) {
            sending = direct(outBytes);
        }
        if (receiving.capacity() < inBytes) {
            receiving = direct(inBytes);
        }
        sending.clear().limit(outBytes);
        if (outBytes > 0) {
            sending.asFloatBuffer().put(out, outFrom, outTo - outFrom);
        }
        receiving.clear().limit(inBytes);
        pump(sending, receiving, deadline);
        if (inBytes > 0) {
            FloatBuffer arrived = receiving.flip().asFloatBuffer();
            if (add) {
                for (int i = inFrom; i < inTo; i++) {
                    in[i] += arrived.get();
                }
            } else {
                arrived.get(in, inFrom, inTo - inFrom);
            }
        }
    }

    // Writes all of out to the next rank and fills in from the previous one, whichever can go first.
    private void pump(ByteBuffer out, ByteBuffer in, long deadline) {
        try {
            while (out.hasRemaining() || in.hasRemaining()) {
                if (out.hasRemaining() && next.write(out) > 0) {
                    continue;
                }
                if (in.hasRemaining()) {
                    int read = previous.read(in);
                    if (read < 0) {
                        throw fail("rank " + previousRank() + " closed its connection (it failed or stopped)", null);
                    }
                    if (read > 0) {
                        continue;
                    }
                }
                nextKey.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : 0);
                previousKey.interestOps(in.hasRemaining() ? SelectionKey.OP_READ : 0);
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw fail("timed out waiting for rank " + (in.hasRemaining() ? previousRank() : nextRank()), null);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                if (Thread.currentThread().isInterrupted()) {
                    throw fail("rank " + rank + " was interrupted", null);
                }
            }
        } catch (IOException e) {
            throw fail("the connection between ranks broke: " + e.getMessage(), e);
        } catch (java.nio.channels.ClosedSelectorException e) {
            throw fail("rank " + rank + "'s collective is closed", e);
        }
    }

    // A failed operation leaves the ring unusable: closing it is what tells the other ranks.
    private CollectiveException fail(String message, Throwable cause) {
        close();
        return new CollectiveException(message, cause);
    }

    private int previousRank() {
        return (rank + worldSize - 1) % worldSize;
    }

    private int nextRank() {
        return (rank + 1) % worldSize;
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
