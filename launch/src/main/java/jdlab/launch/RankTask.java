package jdlab.launch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.net.InetAddress;
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
 * the ring, runs the body and returns what the body printed to {@code out}, each line prefixed
 * {@code [rank r]}; lines travel with the result, so they come back from any JVM.
 */
final class RankTask extends AbstractFunction1<Iterator<Object>, Iterator<String>> implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Duration PEER_FIRST = Duration.ofSeconds(1);

    private final BiFunction<Collective, PrintStream, ?> body;
    private final Duration connectTimeout;
    private final boolean embedded;

    /** With {@code embedded}, every rank is a thread of the kernel, and listens on loopback. */
    RankTask(BiFunction<Collective, PrintStream, ?> body, Duration connectTimeout, boolean embedded) {
        this.body = body;
        this.connectTimeout = connectTimeout;
        this.embedded = embedded;
    }

    @Override
    public Iterator<String> apply(Iterator<Object> ignored) {
        BarrierTaskContext task = BarrierTaskContext.get();
        int rank = task.partitionId();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
             Collective.Rendezvous rendezvous = Collective.listen(embedded ? InetAddress.getLoopbackAddress() : host(task, rank))) {
            List<String> addresses = Arrays.asList(task.allGather(rendezvous.address()));
            try (Collective collective = rendezvous.connect(rank, addresses, connectTimeout)) {
                body.apply(collective, out);
            }
        } catch (Throwable failure) {
            if (failure instanceof CollectiveException) {
                yieldToFirstFailure();
            }
            throw new RankFailure(rank, failure);
        }
        String prefix = "[rank " + rank + "] ";
        return CollectionConverters.asScala(printed.toString(StandardCharsets.UTF_8).lines().map(prefix::concat).iterator());
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
    private static InetAddress host(BarrierTaskContext task, int rank) throws java.io.IOException {
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
