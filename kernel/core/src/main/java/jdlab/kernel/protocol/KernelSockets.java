package jdlab.kernel.protocol;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Owns every ZeroMQ socket of the kernel on one I/O thread.
 *
 * <p>ZeroMQ sockets are not thread-safe, so other threads hand messages to {@link #send} which
 * queues them and wakes the I/O thread through a pipe; the thread blocks in {@code poll} until
 * a request or an outgoing message arrives, so no request waits on a timer. The heartbeat echoes
 * on a thread of its own, so a busy kernel still looks alive. Each thread closes the sockets it
 * uses before {@link #close()} ends the context: closing a socket another thread is blocked on can
 * hang JeroMQ.
 */
public final class KernelSockets implements AutoCloseable {

    /** Receives each verified incoming message; called on the I/O thread, so it must not block. */
    public interface Inbox {
        void accept(Channel channel, Message message);
    }

    private static final System.Logger LOG = System.getLogger(KernelSockets.class.getName());

    private record Outgoing(Channel channel, Message message) { }

    private final ZContext context = new ZContext();
    private final WireCodec codec;
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final Pipe heartbeatStop;
    // JeroMQ's poller now and then misses the signal of a message that lands on a freshly connected
    // pipe (seen about once in ten test runs, the message sitting there until the next one came). A
    // poll that also returns after this long picks such a message up; an idle kernel wakes once a second.
    private static final long SAFETY_WAKE_MILLIS = 1000;

    private final Pipe wakeup;
    private final ConcurrentLinkedQueue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private Thread ioThread;
    private Thread heartbeatThread;

    /** Binds every socket to the connection file's transport and IP. */
    public KernelSockets(KernelConnectionProperties connection, WireCodec codec) throws IOException {
        this.codec = codec;
        String base = connection.getTransport() + "://" + connection.getIp() + ":";
        shell = bind(SocketType.ROUTER, base + connection.getShellPort());
        control = bind(SocketType.ROUTER, base + connection.getControlPort());
        stdin = bind(SocketType.ROUTER, base + connection.getStdinPort());
        iopub = bind(SocketType.PUB, base + connection.getIopubPort());
        // ROUTER rather than REP: it echoes whatever arrives, with no send/receive state that a
        // malformed ping could wedge (a REP left holding unread frames refuses to answer again).
        heartbeat = bind(SocketType.ROUTER, base + connection.getHbPort());
        heartbeatStop = Pipe.open();
        heartbeatStop.source().configureBlocking(false);
        wakeup = Pipe.open();
        wakeup.source().configureBlocking(false);
    }

    private ZMQ.Socket bind(SocketType type, String address) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(1000);
        socket.bind(address);
        return socket;
    }

    /** Starts the I/O and heartbeat threads. */
    public void start(Inbox inbox) {
        ioThread = new Thread(() -> loop(inbox), "jdlab-io");
        ioThread.setDaemon(true);
        ioThread.start();
        heartbeatThread = new Thread(this::echoHeartbeats, "jdlab-heartbeat");
        heartbeatThread.setDaemon(true);
        heartbeatThread.start();
    }

    /** Queues a message for its channel; safe from any thread. */
    public void send(Channel channel, Message message) {
        outbox.add(new Outgoing(channel, message));
        try {
            wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not wake the I/O thread", e);
        }
    }

    private void loop(Inbox inbox) {
        ZMQ.Poller poller = context.createPoller(4);
        poller.register(shell, ZMQ.Poller.POLLIN);
        poller.register(control, ZMQ.Poller.POLLIN);
        poller.register(stdin, ZMQ.Poller.POLLIN);
        int wakeIndex = poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
        ByteBuffer drain = ByteBuffer.allocate(256);
        while (running && !Thread.currentThread().isInterrupted()) {
            if (poller.poll(SAFETY_WAKE_MILLIS) < 0) {
                break;
            }
            // Control first: an interrupt must not wait behind queued shell traffic. Every socket is read
            // on every wake, not only when the poller says so: its misses are what the safety wake is
            // for. Reading an empty socket returns at once; one left with more wakes the next poll.
            receive(control, Channel.CONTROL, inbox);
            receive(shell, Channel.SHELL, inbox);
            receive(stdin, Channel.STDIN, inbox);
            if (poller.pollin(wakeIndex)) {
                try {
                    while (wakeup.source().read(drain.clear()) > 0) {
                        // Each byte only says "look at the outbox".
                    }
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "wake-up pipe failed", e);
                }
            }
            flushOutbox();
        }
        flushOutbox();
        poller.close();
        for (ZMQ.Socket socket : List.of(shell, control, stdin, iopub)) {
            context.destroySocket(socket);
        }
    }

    /** Reads and hands on one message, if one is waiting. */
    private void receive(ZMQ.Socket socket, Channel channel, Inbox inbox) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = socket.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                break;
            }
            frames.add(frame);
        } while (socket.hasReceiveMore());
        if (frames.isEmpty()) {
            return;
        }
        try {
            Message message = codec.decode(frames, System.nanoTime());
            inbox.accept(channel, message);
        } catch (MalformedMessageException e) {
            LOG.log(Level.WARNING, "dropped a message on " + channel + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "failed to dispatch a message on " + channel, e);
        }
    }

    private void flushOutbox() {
        Outgoing out;
        while ((out = outbox.poll()) != null) {
            ZMQ.Socket socket = switch (out.channel()) {
                case SHELL -> shell;
                case CONTROL -> control;
                case STDIN -> stdin;
                case IOPUB -> iopub;
            };
            List<byte[]> frames = codec.encode(out.message());
            for (int i = 0; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
    }

    private void echoHeartbeats() {
        ZMQ.Poller poller = context.createPoller(2);
        int pingIndex = poller.register(heartbeat, ZMQ.Poller.POLLIN);
        int stopIndex = poller.register(heartbeatStop.source(), ZMQ.Poller.POLLIN);
        while (running && poller.poll(-1) >= 0 && !poller.pollin(stopIndex)) {
            if (poller.pollin(pingIndex)) {
                echo();
            }
        }
        poller.close();
        context.destroySocket(heartbeat);
    }

    private void echo() {
        try {
            List<byte[]> frames = new ArrayList<>();
            do {
                frames.add(heartbeat.recv(0));
            } while (heartbeat.hasReceiveMore());
            for (int i = 0; i < frames.size(); i++) {
                heartbeat.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "heartbeat: " + e.getMessage());
        }
    }

    /** Sends what is queued, then closes every socket. */
    @Override
    public void close() {
        running = false;
        try {
            heartbeatStop.sink().write(ByteBuffer.wrap(new byte[] {1}));
            wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
            if (ioThread != null) {
                ioThread.join(2000);
            }
            if (heartbeatThread != null) {
                heartbeatThread.join(2000);
            }
        } catch (IOException | InterruptedException e) {
            LOG.log(Level.DEBUG, "closing", e);
        }
        context.close();
        for (Pipe pipe : List.of(wakeup, heartbeatStop)) {
            try {
                pipe.sink().close();
                pipe.source().close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a pipe", e);
            }
        }
    }
}
