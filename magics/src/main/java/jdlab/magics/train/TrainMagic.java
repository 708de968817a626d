package jdlab.magics.train;

import java.nio.file.Path;
import java.util.Arrays;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.train.Training;
import jdlab.train.TrainingResult;

/** {@code %train}: {@link Training}'s builder, filled from one line. */
public final class TrainMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("train",
                    "Train a DJL model on data held in variables, watching its loss and accuracy live.")
            .positional("model", "a variable holding a DJL Block or Model").variable(Object.class)
            .option("data", 'd', String.class, null, "a variable holding the training data: Examples, a DJL Dataset,"
                    + " or a Tablesaw Table with --label").variable(Object.class).required()
            .option("validate", 'v', String.class, null, "a variable holding data scored after each epoch")
            .variable(Object.class)
            .option("label", 'l', String.class, null, "the column a table's rows are labelled by")
            .flag("no-standardize", '\0', "keep a table's numeric columns as they are (by default they are"
                    + " standardised with the training table's mean and deviation)")
            .option("epochs", 'e', Integer.class, "10", "passes over the training data")
            .option("batch", 'b', Integer.class, "64", "examples per step")
            .option("optimizer", 'o', String.class, "adam", "sgd, adam or adamw")
            .option("lr", '\0', Double.class, null, "learning rate (default 0.001 for Adam, 0.01 for SGD)")
            .option("momentum", '\0', Double.class, "0", "SGD momentum")
            .option("weight-decay", '\0', Double.class, "0", "weight decay")
            .option("loss", '\0', String.class, null, "cross-entropy (default for classes), mse (default for targets) or l1")
            .option("metrics", 'm', String.class, null, "the metric besides the loss: accuracy for classes, mae"
                    + " (mean absolute error) for targets (each the default for its labels), or none")
            .option("device", '\0', String.class, "auto", "auto (a GPU when one is visible), cpu, gpu or gpu:N")
            .option("seed", 's', Long.class, null, "fixes the initial weights, the shuffling and dropout")
            .option("early-stop", '\0', String.class, null, "METRIC:PATIENCE, e.g. val_loss:3: stop when METRIC has"
                    + " not improved for PATIENCE epochs and keep the best weights")
            .option("checkpoint", 'c', Path.class, null, "a folder for last.ckpt (each epoch) and best.ckpt")
            .flag("resume", 'r', "go on from the checkpoint folder's last.ckpt")
            .option("history", '\0', String.class, null, "a variable to hold the per-epoch metrics, a Tablesaw Table")
            .newVariable("tech.tablesaw.api.Table")
            .notes("Example: %train net --data train --validate test --epochs 5 --batch 64 --optimizer sgd --lr 0.1"
                            + " --early-stop val_loss:2 --checkpoint runs/mlp --history hist",
                    "One output shows a progress bar and the loss and accuracy charts, redrawn in place, then the"
                            + " per-epoch table. An interrupt stops at the next batch: the model keeps its weights.")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        TrainingResult result;
        try {
            Training training = Training.of(args.get("model", Object.class))
                    .data(args.get("data", Object.class))
                    .standardize(!args.flag("no-standardize"))
                    .epochs(args.integer("epochs"))
                    .batch(args.integer("batch"))
                    .optimizer(args.string("optimizer"))
                    .momentum(args.get("momentum", Double.class))
                    .weightDecay(args.get("weight-decay", Double.class))
                    .device(args.string("device"))
                    .resume(args.flag("resume"))
                    .arguments("%train " + args.line());
            args.given("validate", Object.class).ifPresent(training::validate);
            args.given("label", String.class).ifPresent(training::label);
            args.given("lr", Double.class).ifPresent(training::lr);
            args.given("loss", String.class).ifPresent(training::loss);
            args.given("metrics", String.class).map(TrainMagic::metrics).ifPresent(training::metrics);
            args.given("seed", Long.class).ifPresent(training::seed);
            args.given("early-stop", String.class).ifPresent(training::earlyStop);
            args.given("checkpoint", Path.class).ifPresent(training::checkpoint);
            result = training.fit();
        } catch (IllegalArgumentException e) {
            throw new UsageException("%train: " + e.getMessage());
        }
        args.declare("history", result.table(), context);
        return null;
    }

    // "none" asks for the loss alone.
    private static String[] metrics(String names) {
        return names.equals("none") ? new String[0]
                : Arrays.stream(names.split(",")).map(String::strip).toArray(String[]::new);
    }
}
