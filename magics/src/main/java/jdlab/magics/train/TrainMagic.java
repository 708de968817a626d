package jdlab.magics.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.api.Variable;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.magics.launch.Launcher;
import jdlab.magics.launch.ShippedClass;
import jdlab.train.Training;
import jdlab.train.TrainingResult;
import jdlab.train.WorkerTraining;

/** {@code %train}: {@link Training}'s builder, filled from one line. */
public final class TrainMagic implements Magic {

    private static final ArgSpec ARGS = Launcher.stageOptions(ArgSpec.line("train",
                    "Train a DJL model on data held in variables, watching its loss and accuracy live.")
            .positional("model", "a variable holding a DJL Block or Model; with --workers, code that builds one on"
                    + " each worker: a method (mlp or mlp()), a Supplier variable, or an expression in quotes")
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
            .option("workers", 'n', Integer.class, null, "train on N workers at once (data-parallel, on Spark as"
                    + " %%launch does), each with a replica built by MODEL and 1/N of every batch")
            .option("into", '\0', String.class, null, "with --workers: the variable that receives rank 0's trained model")
            .newVariable("ai.djl.nn.Block"))
            .notes("Example: %train net --data train --validate test --epochs 5 --batch 64 --optimizer sgd --lr 0.1"
                            + " --early-stop val_loss:2 --checkpoint runs/mlp --history hist",
                    "One output shows a progress bar and the loss and accuracy charts, redrawn in place, then the"
                            + " per-epoch table. An interrupt stops at the next batch: the model keeps its weights.",
                    "On 2 workers (Spark embedded, or --master URL): %train mlp --workers 2 --into net --data train"
                            + " --epochs 5 builds a replica on each with mlp(); the batch is the global one, shared"
                            + " out; rank 0's live view shows here. An interrupt cancels every worker, net unchanged.")
            .build();

    private static final Pattern NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        Launcher.Stage stage = stage(args);
        TrainingResult result;
        try {
            Object model = stage == null ? args.variable("model", context) : ShippedClass.builder(context, builder(args, context));
            Training training = options(Training.of(model), args);
            result = stage == null ? training.fit() : onWorkers(training.onWorkers(), stage, args, context);
        } catch (IllegalArgumentException e) {
            throw new UsageException("%train: " + e.getMessage());
        }
        args.declare("history", result.table(), context);
        return null;
    }

    // Where the workers run, their options checked; null to train in the kernel. The batch is the
    // global one, shared out evenly.
    private static Launcher.Stage stage(Args args) {
        Integer workers = args.get("workers", Integer.class);
        if (workers == null) {
            for (String option : List.of("into", "master", "timeout")) {
                if (args.string(option) != null) {
                    throw args.error("--" + option + " goes with --workers");
                }
            }
            return null;
        }
        Launcher.Stage stage = Launcher.stage(args, workers);
        if (args.string("into") == null) {
            throw args.error("--workers needs --into NAME, the variable that receives rank 0's trained model");
        }
        if (args.flag("resume")) {
            throw args.error("--resume cannot go with --workers: only rank 0 writes checkpoints");
        }
        if (args.integer("batch") % workers != 0) {
            throw args.error("--batch " + args.integer("batch") + " does not split evenly over " + workers + " workers");
        }
        return stage;
    }

    private static Training options(Training training, Args args) {
        int workers = args.given("workers", Integer.class).orElse(1);
        training.data(args.get("data", Object.class))
                .standardize(!args.flag("no-standardize"))
                .epochs(args.integer("epochs"))
                .batch(args.integer("batch") / workers)
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
        return training;
    }

    // A method's name is called; a variable's Supplier asked; anything else is code as written.
    private static String builder(Args args, KernelContext context) {
        String model = args.string("model");
        if (!NAME.matcher(model).matches()) {
            return model;
        }
        Optional<Variable> variable = context.variables().stream().filter(v -> v.name().equals(model)).findFirst();
        if (variable.isPresent() && !(variable.get().value() instanceof Supplier)) {
            throw args.error("with --workers, MODEL is code that builds the model on each worker, and " + model
                    + " holds one already; name a method that returns a new one, e.g. Block mlp() { ... }");
        }
        return model + (variable.isPresent() ? ".get()" : "()");
    }

    // Every worker trains a replica; rank 0's weights come back into a model built here, the variable
    // --into: a Block when the code builds blocks, else the Model it builds.
    private static TrainingResult onWorkers(WorkerTraining job, Launcher.Stage stage, Args args, KernelContext context)
            throws Exception {
        TrainingResult result = job.adopt(Launcher.run(context, job, stage, "all", job.reader(System.out::println)));
        if (job.buildsBlocks()) {
            args.declare("into", result.model().getBlock(), context);
        } else {
            args.declare("into", "ai.djl.Model", result.model(), context);
        }
        System.out.println(args.string("into") + " holds rank 0's trained model: " + result.status());
        return result;
    }

    // "none" asks for the loss alone.
    private static String[] metrics(String names) {
        return names.equals("none") ? new String[0]
                : Arrays.stream(names.split(",")).map(String::strip).toArray(String[]::new);
    }
}
