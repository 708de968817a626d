package jdlab.train.distributed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One rank's two connections in the ring, to the next rank and from the previous one, and the one
 * step every collective is made of: stream a block of floats to the next rank while receiving one
 * from the previous rank, each preceded by a header that says which operation it belongs to.
 *
 * <p>Both channels are non-blocking under one selector, so a rank that sends and receives at once
 * never waits on a full socket buffer while its peer does the same (the ring's deadlock), and needs
 * no second thread. A wait in the selector ends at the operation's deadline, when the thread is
 * interrupted, or when {@link #close()} runs on another thread. Any failure closes both channels,
 * so the neighbours see end-of-stream and fail in turn: a failure travels around the ring.
 */
final class Ring implements AutoCloseable {

    /**
     * Bytes held per direction, reused by every step: the largest piece handed to the socket at
     * once, so a big block is summed piece by piece while the next piece travels. On loopback 64 KiB
     * was slowest at 1M floats and 1 MiB no faster than this (bench/CollectiveBench.java).
     */
    static final int CHUNK_BYTES = 256 * 1024;

    private static final float[] NOTHING = {};
    private static final Collective.Reduce[] REDUCTIONS = Collective.Reduce.values();

    /** What a header announces; the ordinal travels on the wire. */
    enum Kind {
        HELLO, ALL_REDUCE, ALL_GATHER, BROADCAST, BARRIER;

        String describe(int param, int length) {
            return switch (this) {
                case HELLO -> "connecting a ring of " + param + " ranks";
                case ALL_REDUCE -> "allReduce(" + (param >= 0 && param < REDUCTIONS.length ? REDUCTIONS[param] : param)
                        + ") of " + length + " floats";
                case ALL_GATHER -> "allGather";
                case BROADCAST -> "broadcast from rank " + param;
                case BARRIER -> "barrier";
            };
        }
    }

    /** Sent before each block: the operation, its parameter, its number on this ring, the block's length and the sender. */
    record Header(Kind kind, int param, int sequence, int length, int sender) {
        static final int BYTES = 5 * Integer.BYTES;

        void put(ByteBuffer buffer) {
            buffer.putInt(kind.ordinal()).putInt(param).putInt(sequence).putInt(length).putInt(sender);
        }

        /** The header in the buffer, or null when it is not one of ours. */
        static Header get(ByteBuffer buffer) {
            int kind = buffer.getInt();
            int param = buffer.getInt();
            int sequence = buffer.getInt();
            int length = buffer.getInt();
            int sender = buffer.getInt();
            Kind[] kinds = Kind.values();
            return kind >= 0 && kind < kinds.length && length >= 0
                    ? new Header(kinds[kind], param, sequence, length, sender) : null;
        }

        String describe() {
            return kind.describe(param, length) + " (operation " + sequence + ")";
        }
    }

    /** Where a step puts the floats it receives: copied in, or added to what is there. */
    record Target(float[] array, int offset, int length, boolean add) {
        static final Target NONE = new Target(NOTHING, 0, 0, false);
    }

    private final int rank;
    private final int size;
    private final SocketChannel next;
    private final SocketChannel previous;
    private final Selector selector;
    private final SelectionKey nextKey;
    private final SelectionKey previousKey;
    private final ByteBuffer sendBuffer;
    private final ByteBuffer receiveBuffer;
    private final float[] received;
    private int sequence;
    private Header current;
    private Duration timeout;
    private long deadline;
    private volatile boolean closed;
    private volatile String failure;

    /** A ring of one rank has no channels: give null for both. */
    Ring(int rank, int size, SocketChannel next, SocketChannel previous) throws IOException {
        this.rank = rank;
        this.size = size;
        this.next = next;
        this.previous = previous;
        if (size == 1) {
            selector = null;
            nextKey = previousKey = null;
            sendBuffer = receiveBuffer = null;
            received = null;
            return;
        }
        for (SocketChannel channel : new SocketChannel[] {next, previous}) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        selector = Selector.open();
        nextKey = next.register(selector, 0);
        previousKey = previous.register(selector, 0);
        sendBuffer = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        receiveBuffer = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        received = new float[CHUNK_BYTES / Float.BYTES];
    }

    int rank() {
        return rank;
    }

    int size() {
        return size;
    }

    /** Swaps hellos with both neighbours, so a wrong address or world size fails here, not in the first operation. */
    void handshake(Duration timeout) {
        begin(Kind.HELLO, size, 0, timeout);
        step(0, NOTHING, 0, 0, header -> Target.NONE);
    }

    /** Starts the next operation: every rank must start the same ones in the same order. */
    void begin(Kind kind, int param, int length, Duration timeout) {
        if (closed) {
            throw new CollectiveException(failure == null ? "the collective is closed"
                    : "the collective failed earlier: " + failure, -1, null);
        }
        sequence++;
        current = new Header(kind, param, sequence, length, rank);
        this.timeout = timeout;
        deadline = System.nanoTime() + timeout.toNanos();
        if (Thread.interrupted()) {
            throw interrupted(null);
        }
    }

    /**
     * Sends {@code count} floats of {@code source} from {@code offset} to the next rank, announced
     * as {@code length}, while receiving the previous rank's block into where {@code into} says
     * once its header is in. Returns that header.
     */
    Header step(int length, float[] source, int offset, int count, Function<Header, Target> into) {
        try {
            return transfer(length, source, offset, count, into);
        } catch (ClosedByInterruptException e) {
            throw interrupted(e);
        } catch (IOException | ClosedSelectorException | CancelledKeyException e) {
            throw fail(closed && failure == null ? "the collective was closed during " + current.describe()
                    : "connection failed during " + current.describe() + ": " + e, -1, e);
        } catch (CollectiveException e) {
            throw e;
        } catch (RuntimeException | Error e) { // say out of memory for a block: the stream is cut mid-block
            fail(current.describe() + " failed on rank " + rank + ": " + e, -1, e);
            throw e;
        }
    }

    /** Fails the operation because the previous rank is in another one. */
    CollectiveException mismatch(Header theirs) {
        return fail("rank " + theirs.sender() + " is in " + theirs.describe() + " while rank " + rank
                + " is in " + current.describe(), theirs.sender(), null);
    }

    private Header transfer(int length, float[] source, int offset, int count, Function<Header, Target> into) throws IOException {
        sendBuffer.clear();
        new Header(current.kind(), current.param(), sequence, length, rank).put(sendBuffer);
        int queued = queue(source, offset, count, 0);
        sendBuffer.flip();
        receiveBuffer.clear().limit(Header.BYTES);
        Header header = null;
        Target target = null;
        int arrived = 0;
        while (true) {
            boolean moved = sendBuffer.hasRemaining() && send() > 0;
            if (!sendBuffer.hasRemaining() && queued < count) {
                sendBuffer.clear();
                queued = queue(source, offset, count, queued);
                sendBuffer.flip();
                moved = true;
            }
            if ((target == null || arrived < target.length()) && receive() > 0) {
                moved = true;
                receiveBuffer.flip();
                if (target == null && receiveBuffer.remaining() >= Header.BYTES) {
                    header = check(Header.get(receiveBuffer));
                    target = into.apply(header);
                }
                if (target != null) {
                    arrived += take(target, arrived);
                }
                receiveBuffer.compact();
                long pending = (target == null ? Header.BYTES : (long) (target.length() - arrived) * Float.BYTES)
                        - receiveBuffer.position();
                receiveBuffer.limit(receiveBuffer.position() + (int) Math.min(receiveBuffer.remaining(), pending));
            }
            boolean receiving = target == null || arrived < target.length();
            boolean sending = sendBuffer.hasRemaining() || queued < count;
            if (!sending && !receiving) {
                return header;
            }
            if (!moved) {
                await(sendBuffer.hasRemaining(), receiving);
            }
        }
    }

    /** Puts the next floats of the block into the send buffer; returns how many are queued in all. */
    private int queue(float[] source, int offset, int count, int queued) {
        int floats = Math.min(count - queued, sendBuffer.remaining() / Float.BYTES);
        if (floats > 0) {
            sendBuffer.asFloatBuffer().put(source, offset + queued, floats);
            sendBuffer.position(sendBuffer.position() + floats * Float.BYTES);
        }
        return queued + floats;
    }

    /** Moves the whole floats in the receive buffer to the target; returns how many. */
    private int take(Target target, int arrived) {
        int floats = Math.min(receiveBuffer.remaining() / Float.BYTES, target.length() - arrived);
        FloatBuffer view = receiveBuffer.asFloatBuffer();
        int at = target.offset() + arrived;
        if (target.add()) {
            view.get(received, 0, floats);
            float[] array = target.array();
            for (int i = 0; i < floats; i++) {
                array[at + i] += received[i];
            }
        } else {
            view.get(target.array(), at, floats);
        }
        receiveBuffer.position(receiveBuffer.position() + floats * Float.BYTES);
        return floats;
    }

    private Header check(Header header) {
        if (header == null) {
            throw fail("rank " + previousRank() + " sent bytes that are not a collective's header during "
                    + current.describe(), previousRank(), null);
        }
        if (header.sender() != previousRank() || header.kind() != current.kind() || header.param() != current.param()
                || header.sequence() != current.sequence()) {
            throw mismatch(header);
        }
        return header;
    }

    private int send() throws IOException {
        try {
            return next.write(sendBuffer);
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (IOException e) {
            throw lost(nextRank(), "sending to", e);
        }
    }

    private int receive() throws IOException {
        int bytes;
        try {
            bytes = previous.read(receiveBuffer);
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (IOException e) {
            throw lost(previousRank(), "receiving from", e);
        }
        if (bytes < 0) {
            throw fail("rank " + previousRank() + " closed its connection during " + current.describe(), previousRank(), null);
        }
        return bytes;
    }

    private CollectiveException lost(int peer, String doing, IOException cause) {
        if (closed && failure == null) {
            return fail("the collective was closed during " + current.describe(), -1, cause);
        }
        return fail(doing + " rank " + peer + " failed during " + current.describe() + ": " + cause.getMessage(), peer, cause);
    }

    /** Waits until a channel can move bytes, the deadline passes, or the thread is interrupted. */
    private void await(boolean sending, boolean receiving) throws IOException {
        nextKey.interestOps(sending ? SelectionKey.OP_WRITE : 0);
        previousKey.interestOps(receiving ? SelectionKey.OP_READ : 0);
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            int peer = receiving ? previousRank() : nextRank();
            throw fail(current.describe() + " timed out after " + timeout + " waiting for rank " + peer, peer, null);
        }
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        selector.selectedKeys().clear();
        if (Thread.interrupted()) {
            throw interrupted(null);
        }
    }

    private CollectiveException interrupted(Exception cause) {
        CollectiveException e = fail("interrupted during " + current.describe(), -1, cause);
        Thread.currentThread().interrupt(); // the caller still sees that it was interrupted
        return e;
    }

    private CollectiveException fail(String message, int peer, Throwable cause) {
        if (failure == null) {
            failure = message;
        }
        close();
        return new CollectiveException(message, peer, cause);
    }

    private int nextRank() {
        return (rank + 1) % size;
    }

    private int previousRank() {
        return (rank + size - 1) % size;
    }

    /** Closes both connections; an operation running on another thread fails. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // the selector first: it wakes a waiting operation and lets the channels close at once
        closeQuietly(selector);
        closeQuietly(next);
        closeQuietly(previous);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to do with a socket that fails to close
        }
    }
}
