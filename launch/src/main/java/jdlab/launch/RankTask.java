package jdlab.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import jdlab.train.distributed.Collective;
import jdlab.train.distributed.CollectiveException;
import org.apache.spark.BarrierTaskContext;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One rank of a launch, run as a task of the barrier stage (which Spark schedules all at once):
 * joins the driver's feed, binds a collective rendezvous, learns the other ranks' addresses from
 * the driver, connects the ring and runs the body. What the body prints to {@code out} becomes
 * lines prefixed {@code [rank r]}, sent to the driver as they end, from any JVM. Rank 0 returns
 * what the body returned, serialized.
 */
final class RankTask extends AbstractFunction1<Iterator<Object>, Iterator<Object>> implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Duration PEER_FIRST = Duration.ofSeconds(1);

    private final BiFunction<Collective, PrintStream, ?> body;
    private final Duration connectTimeout;
    private final boolean embedded;
    private final Output output;

    /**
     * The driver's feed at {@code feed} ({@code host:port}), which a rank joins with {@code token},
     * and whose lines it is sent: {@code whose}, {@code all}, {@code rank0} or {@code none}.
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
        try (DriverLink driver = DriverLink.join(output.feed(), output.token(), connectTimeout);
             PrintStream out = new PrintStream(new PrefixedLines("[rank " + rank + "] ", shown ? driver::send : line -> { }),
                     true, StandardCharsets.UTF_8);
             Collective.Rendezvous rendezvous = Collective.listen(embedded ? InetAddress.getLoopbackAddress() : host(task, rank))) {
            List<String> addresses = driver.ring(rank, rendezvous.address(), connectTimeout);
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
