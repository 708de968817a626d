package jdlab.launch;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import jdlab.train.distributed.Collective;
import jdlab.train.distributed.CollectiveException;
import org.apache.spark.BarrierTaskContext;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One rank of a launch, run as a task of the barrier stage: binds a collective rendezvous, swaps
 * addresses with the other ranks in Spark's one all-gather (about a second: Spark polls), connects
 * the ring and runs the body. What the body prints to {@code out} becomes lines prefixed {@code
 * [rank r]}, sent to the driver's feed as they end, from any JVM. Rank 0 returns what the body
 * returned, serialized.
 */
final class RankTask extends AbstractFunction1<Iterator<Object>, Iterator<Object>> implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Duration PEER_FIRST = Duration.ofSeconds(1);

    private final BiFunction<Collective, PrintStream, ?> body;
    private final Duration connectTimeout;
    private final boolean embedded;
    private final Output output;

    /**
     * Where the ranks' lines go: {@code whose} are sent, {@code all}, {@code rank0} or {@code none},
     * to the driver's feed at {@code feed} ({@code host:port}), which a rank joins with {@code token}.
     */
    record Output(String whose, String feed, String token) implements Serializable {
    }

    /** With {@code embedded}, every rank is a thread of the kernel, and listens on loopback. */
    RankTask(BiFunction<Collective, PrintStream, ?> body, Duration connectTimeout, boolean embedded, Output output) {
        this.body = body;
        this.connectTimeout = connectTimeout;
        this.embedded = embedded;
        this.output = output;
    }

    @Override
    public Iterator<Object> apply(Iterator<Object> ignored) {
        BarrierTaskContext task = BarrierTaskContext.get();
        int rank = task.partitionId();
        boolean shown = output.whose().equals("all") || output.whose().equals("rank0") && rank == 0;
        Object result;
        try (Writer driver = shown ? joinFeed() : Writer.nullWriter();
             PrintStream out = new PrintStream(new PrefixedLines("[rank " + rank + "] ", line -> send(driver, line)), true,
                     StandardCharsets.UTF_8);
             Collective.Rendezvous rendezvous = Collective.listen(embedded ? InetAddress.getLoopbackAddress() : host(task, rank))) {
            List<String> addresses = Arrays.asList(task.allGather(rendezvous.address()));
            try (Collective collective = rendezvous.connect(rank, addresses, connectTimeout)) {
                result = body.apply(collective, out);
            }
        } catch (Throwable failure) {
            if (failure instanceof CollectiveException) {
                yieldToFirstFailure();
            }
            throw new RankFailure(rank, failure);
        }
        List<Object> back = rank == 0 && result != null ? List.of(serialized(result)) : List.of();
        return CollectionConverters.asScala(back.iterator());
    }

    private Writer joinFeed() throws IOException {
        int colon = output.feed().lastIndexOf(':');
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(output.feed().substring(0, colon), Integer.parseInt(output.feed().substring(colon + 1))),
                (int) connectTimeout.toMillis());
        Writer driver = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        send(driver, output.token());
        return driver; // closing it closes the socket
    }

    private static void send(Writer driver, String line) {
        try {
            synchronized (driver) {
                driver.write(line);
                driver.write('\n');
                driver.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the notebook's output connection failed", e);
        }
    }

    // Bytes, read on the driver by the loader that sees the session's classes: Spark's own result
    // reader runs on a thread whose loader may not.
    private static byte[] serialized(Object result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        } catch (IOException e) {
            throw new RankFailure(0, new IOException("its result cannot be sent back: " + e, e));
        }
        return bytes.toByteArray();
    }

    // A rank that fails because a peer went away reports a second later: Spark shows the first
    // failure it hears of, and that should be the peer's own.
    private static void yieldToFirstFailure() {
        try {
            Thread.sleep(PEER_FIRST.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // The executor's host, from "host:port": the rank listens where Spark reached its executor.
    private static InetAddress host(BarrierTaskContext task, int rank) throws IOException {
        String address = task.getTaskInfos()[rank].address();
        int colon = address.lastIndexOf(':');
        return InetAddress.getByName(colon < 0 ? address : address.substring(0, colon));
    }

    /** A rank's failure, named so the driver can show which rank failed first. */
    static final class RankFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RankFailure(int rank, Throwable cause) {
            super("rank " + rank + " failed: " + cause, cause);
        }
    }
}
