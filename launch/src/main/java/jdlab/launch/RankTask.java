package jdlab.launch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
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
 * [rank r]}: printed as they come when the rank is a thread of the kernel (embedded), else returned
 * with the result, so that they come back from any JVM. Rank 0 also returns what the body
 * returned, serialized, after its lines.
 */
final class RankTask extends AbstractFunction1<Iterator<Object>, Iterator<Object>> implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Duration PEER_FIRST = Duration.ofSeconds(1);

    private final BiFunction<Collective, PrintStream, ?> body;
    private final Duration connectTimeout;
    private final boolean embedded;
    private final String output;

    /**
     * With {@code embedded}, every rank is a thread of the kernel, and listens on loopback;
     * {@code output} says whose lines are kept: {@code all}, {@code rank0} or {@code none}.
     */
    RankTask(BiFunction<Collective, PrintStream, ?> body, Duration connectTimeout, boolean embedded, String output) {
        this.body = body;
        this.connectTimeout = connectTimeout;
        this.embedded = embedded;
        this.output = output;
    }

    @Override
    public Iterator<Object> apply(Iterator<Object> ignored) {
        BarrierTaskContext task = BarrierTaskContext.get();
        int rank = task.partitionId();
        List<Object> back = new ArrayList<>();
        boolean shown = output.equals("all") || output.equals("rank0") && rank == 0;
        // The kernel's System.out reaches the running cell from any thread it did not start for another.
        Consumer<String> lines = !shown ? line -> { } : embedded ? System.out::println : back::add;
        Object result;
        try (PrintStream out = new PrintStream(new PrefixedLines("[rank " + rank + "] ", lines), true, StandardCharsets.UTF_8);
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
        if (rank == 0 && result != null) {
            back.add(serialized(result));
        }
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
