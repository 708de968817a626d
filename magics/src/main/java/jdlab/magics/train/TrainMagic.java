package jdlab.magics.train;

import java.util.Arrays;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.magics.SessionVariables;
import jdlab.train.Training;
import jdlab.train.TrainingResult;

/** {@code %train}: {@link Training}'s builder, filled from one line. */
public final class TrainMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("train",
                    "Train a DJL model on data held in variables, watching its loss and accuracy live.")
            .positional("model", "a variable holding a DJL Block or Model")
            .option("data", 'd', String.class, null, "a variable holding the training data: Examples, a DJL Dataset,"
                    + " or a Tablesaw Table with --label")
            .option("validate", 'v', String.class, null, "a variable holding data scored after each epoch")
            .option("label", 'l', String.class, null, "the column a table's rows are labelled by")
            .flag("no-standardize", '\0', "keep a table's numeric columns as they are (by default they are"
                    + " standardised with the training table's mean and deviation)")
            .option("epochs", 'e', Integer.class, "10", "passes over the training data (default 10)")
            .option("batch", 'b', Integer.class, "64", "examples per step (default 64)")
            .option("optimizer", 'o', String.class, "adam", "sgd, adam (the default) or adamw")
            .option("lr", '\0', Double.class, null, "learning rate (default 0.001 for Adam, 0.01 for SGD)")
            .option("momentum", '\0', Double.class, "0", "SGD momentum")
            .option("weight-decay", '\0', Double.class, "0", "weight decay")
            .option("loss", '\0', String.class, null, "cross-entropy (default for classes), mse (default for targets) or l1")
            .option("metrics", 'm', String.class, null, "the metric besides the loss: accuracy for classes, mae"
                    + " (mean absolute error) for targets (each the default for its labels), or none")
            .option("device", '\0', String.class, "auto", "auto (the default: a GPU when one is visible), cpu, gpu or gpu:N")
            .option("seed", 's', Long.class, null, "fixes the initial weights, the shuffling and dropout")
            .option("early-stop", '\0', String.class, null, "METRIC:PATIENCE, e.g. val_loss:3: stop when METRIC has"
                    + " not improved for PATIENCE epochs and keep the best weights")
            .option("checkpoint", 'c', java.nio.file.Path.class, null, "a folder for last.ckpt (each epoch) and best.ckpt")
            .flag("resume", 'r', "go on from the checkpoint folder's last.ckpt")
            .option("history", '\0', String.class, null, "a variable to hold the per-epoch metrics, a Tablesaw Table")
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
        String history = args.string("history");
        if (history != null) {
            SessionVariables.requireName("train", history, ARGS);
        }
        Object model = SessionVariables.value(context, "train", args.string("model"));
        String dataName = args.string("data");
        if (dataName == null) {
            throw new UsageException("%train: --data NAME is needed: the variable holding the training data\n" + ARGS.usage());
        }
        TrainingResult result;
        try {
            Training training = Training.of(model)
                    .data(SessionVariables.value(context, "train", dataName))
                    .standardize(!args.flag("no-standardize"))
                    .epochs(args.integer("epochs"))
                    .batch(args.integer("batch"))
                    .optimizer(args.string("optimizer"))
                    .momentum(args.get("momentum", Double.class))
                    .weightDecay(args.get("weight-decay", Double.class))
                    .device(args.string("device"))
                    .resume(args.flag("resume"))
                    .arguments("%train " + args.line());
            if (args.string("validate") != null) {
                training.validate(SessionVariables.value(context, "train", args.string("validate")));
            }
            if (args.string("label") != null) {
                training.label(args.string("label"));
            }
            if (args.get("lr", Double.class) != null) {
                training.lr(args.get("lr", Double.class));
            }
            if (args.string("loss") != null) {
                training.loss(args.string("loss"));
            }
            if (args.string("metrics") != null) {
                training.metrics(args.string("metrics").equals("none") ? new String[0]
                        : Arrays.stream(args.string("metrics").split(",")).map(String::strip).toArray(String[]::new));
            }
            if (args.get("seed", Long.class) != null) {
                training.seed(args.get("seed", Long.class));
            }
            if (args.string("early-stop") != null) {
                training.earlyStop(args.string("early-stop"));
            }
            if (args.path("checkpoint") != null) {
                training.checkpoint(args.path("checkpoint"));
            }
            result = training.fit();
        } catch (IllegalArgumentException e) {
            throw new UsageException("%train: " + e.getMessage());
        }
        if (history != null) {
            SessionVariables.assign(context, "tech.tablesaw.api.Table", history, result.table());
        }
        return null;
    }
}
