package jdlab.magics.launch;

import java.util.List;
import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %%launch}: runs the cell on N workers scheduled together as one Spark barrier stage. */
public final class LaunchMagic implements Magic {

    private static final ArgSpec ARGS = Launcher.stageOptions(ArgSpec.cell("launch",
                            "Run the cell on N workers at once (a Spark barrier stage), with a collective between them.")
                    .option("workers", 'n', Integer.class, "2", "how many workers run the body, 1 to 256"))
            .option("output", 'o', String.class, "all", "whose output to show: all, rank0 or none")
            .notes("In the body: rank, worldSize, collective, out (a PrintStream whose lines come back prefixed"
                            + " [rank r]), barrier(), broadcast(float[] or NDArray, root), allGather(float[]),"
                            + " allReduce(float[] or NDArray, SUM or MEAN), in place.",
                    "The classes and methods of earlier cells are usable; the variables the body names are"
                            + " captured on the driver and shipped by Java serialization.",
                    "A failing worker cancels them all; so do an interrupt and --timeout. %spark shows the session.")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        Launcher.Stage stage = Launcher.stage(args, args.integer("workers"));
        String output = args.string("output");
        if (!List.of("all", "rank0", "none").contains(output)) {
            throw args.error("--output is all, rank0 or none, not " + output);
        }
        Launcher.run(context, ShippedClass.body(context, body), stage, output, System.out::println);
        return null;
    }
}
