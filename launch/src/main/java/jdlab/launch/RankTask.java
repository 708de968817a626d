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

    private final BiFunction<Collective, PrintStream, ?> body;
    private final Duration connectTimeout;

    RankTask(BiFunction<Collective, PrintStream, ?> body, Duration connectTimeout) {
        this.body = body;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Iterator<String> apply(Iterator<Object> ignored) {
        BarrierTaskContext task = BarrierTaskContext.get();
        int rank = task.partitionId();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
             Collective.Rendezvous rendezvous = Collective.listen(InetAddress.getByName(task.getTaskInfos()[rank].address()))) {
            List<String> addresses = Arrays.asList(task.allGather(rendezvous.address()));
            try (Collective collective = rendezvous.connect(rank, addresses, connectTimeout)) {
                body.apply(collective, out);
            }
        } catch (Throwable failure) {
            throw new RankFailure(rank, failure);
        }
        String prefix = "[rank " + rank + "] ";
        return CollectionConverters.asScala(printed.toString(StandardCharsets.UTF_8).lines().map(prefix::concat).iterator());
    }

    /** A rank's failure, named so the driver can show which rank failed first. */
    static final class RankFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RankFailure(int rank, Throwable cause) {
            super("rank " + rank + " failed: " + cause, cause);
        }
    }
}
