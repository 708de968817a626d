package jdlab.install;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jdlab.kernel.protocol.Headers;
import jdlab.kernel.protocol.MalformedMessageException;
import jdlab.kernel.protocol.Signer;
import jdlab.kernel.protocol.WireCodec;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A short first session with a real kernel process, the way Jupyter starts it, so that the
 * class-data archive it leaves at exit holds what a user's first cells load: the protocol, JeroMQ
 * and Gson, the magics and renderers, JShell and javac, Tablesaw and DJL. A warm-up inside the
 * installer's own JVM missed the kernel's whole message path, which every first cell then loaded
 * from the jar.
 */
final class WarmupSession {

    // What a first session typically does; each cell's classes are then mapped, not loaded.
    private static final List<String> CELLS = List.of(
            "int x = 3;\nvoid hello() { print(\"\"); }\nhello();\nx * 2",
            "int y = z;",
            "Integer.parseInt(\"x\")",
            "String nothing = null;\nnothing",
            "Table t = Table.create(\"t\", StringColumn.create(\"s\", \"<a>\"), DoubleColumn.create(\"d\", 1.5));\nt",
            "ScatterPlot.create(\"c\", t, \"d\", \"d\")",
            "%time x + 1",
            // DJL and its PyTorch engine, through one tiny training run: a first %train would
            // otherwise load their classes, and unpack the natives, while the user waits.
            "var net = new SequentialBlock().add(Linear.builder().setUnits(2).build());\n"
                    + "Training.of(net).data(Examples.of(new float[][] {{0f}, {1f}}, new int[] {0, 1}))"
                    + ".epochs(1).batch(2).seed(1).live(false).fit();\n"
                    + "Evaluation.of(net, Examples.of(new float[][] {{0f}}, new int[] {0}));\n"
                    + "NDManager.newBaseManager().ones(new Shape(2, 2))");
    private static final long REPLY_MILLIS = TimeUnit.MINUTES.toMillis(2);

    private static final int POLL_MILLIS = 100;

    private final Headers headers = new Headers();
    private final Process kernel;
    private final WireCodec codec;
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;

    private WarmupSession(Process kernel, WireCodec codec, ZMQ.Socket shell, ZMQ.Socket control) {
        this.kernel = kernel;
        this.codec = codec;
        this.shell = shell;
        this.control = control;
    }

    /**
     * Starts the kernel with these JVM options (the archive's among them), runs the session and
     * asks it to shut down; true if it exited on its own with status 0.
     */
    static boolean run(List<String> javaAndOptions, Path jar, Map<String, String> environment, Path scratch)
            throws IOException, InterruptedException {
        KernelConnectionProperties connection = new KernelConnectionProperties("127.0.0.1", freePort(), freePort(),
                freePort(), freePort(), freePort(), "tcp", "hmac-sha256", UUID.randomUUID().toString());
        Path connectionFile = scratch.resolve("warmup-connection.json");
        Files.writeString(connectionFile, connection.toJsonString());
        List<String> command = new ArrayList<>(javaAndOptions);
        command.addAll(List.of("-jar", jar.toString(), "kernel", connectionFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        builder.environment().put("JDLAB_HISTORY", scratch.resolve("history.jsonl").toString());
        Process kernel = builder.start();
        try (ZContext context = new ZContext()) {
            WireCodec codec;
            try {
                codec = new WireCodec(new Signer(connection.createHMACGenerator()));
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException(e);
            }
            WarmupSession warmup = new WarmupSession(kernel, codec, connect(context, connection.getShellPort()),
                    connect(context, connection.getControlPort()));
            warmup.converse();
        } catch (IOException | RuntimeException e) {
            kernel.destroyForcibly();
            return false;
        }
        return kernel.waitFor(1, TimeUnit.MINUTES) && kernel.exitValue() == 0;
    }

    private void converse() throws IOException {
        ask(shell, "kernel_info_request", new JsonObject());
        for (String cell : CELLS) {
            JsonObject content = new JsonObject();
            content.addProperty("code", cell);
            content.addProperty("silent", false);
            content.addProperty("stop_on_error", false);
            ask(shell, "execute_request", content);
        }
        ask(shell, "complete_request", code("Strin", 5));
        ask(shell, "inspect_request", code("Math.max(", 9));
        ask(shell, "is_complete_request", code("for (int i = 0;", -1));
        ask(control, "shutdown_request", new JsonObject());
    }

    private static JsonObject code(String code, int cursor) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        if (cursor >= 0) {
            content.addProperty("cursor_pos", cursor);
        }
        return content;
    }

    // Sends a request and waits for its reply, skipping nothing: each socket has one request out.
    private void ask(ZMQ.Socket socket, String type, JsonObject content) throws IOException {
        List<byte[]> frames = codec.encode(headers.request(type, content));
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
        List<byte[]> reply = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_MILLIS);
        byte[] first = socket.recv();
        while (first == null) { // a kernel that died (a jar it cannot run) answers nothing: stop waiting
            if (!kernel.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("no reply to " + type + (kernel.isAlive() ? " in time" : ": the kernel exited"));
            }
            first = socket.recv();
        }
        reply.add(first);
        while (socket.hasReceiveMore()) {
            reply.add(socket.recv());
        }
        try {
            codec.decode(reply, System.nanoTime());
        } catch (MalformedMessageException e) {
            throw new IOException("the reply to " + type + " was malformed: " + e.getMessage(), e);
        }
    }

    private static ZMQ.Socket connect(ZContext context, int port) {
        ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
        socket.setReceiveTimeOut(POLL_MILLIS);
        socket.setLinger(0);
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
