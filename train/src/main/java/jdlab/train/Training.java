package jdlab.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Dataset;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import jdlab.train.data.Examples;
import jdlab.train.data.TableEncoder;
import jdlab.train.distributed.Collective;
import tech.tablesaw.api.Table;

/**
 * Trains a DJL model from a notebook, with one live output, early stopping and checkpoints:
 *
 * <pre>{@code
 * var run = Training.of(net).data(train).validate(test)
 *         .epochs(10).batch(64).optimizer("sgd").lr(0.1).seed(1)
 *         .earlyStop("val_loss:2").checkpoint(Path.of("runs/mlp"))
 *         .fit();
 * }</pre>
 *
 * <p>Options have defaults fit for a first try; {@link #fit()} checks them all before any work and
 * says in one line what is wrong. {@code %train} is this builder, filled from its arguments.
 */
public final class Training implements Serializable {

    private static final long serialVersionUID = 1L;

    // How a block's training table was encoded, so that test tables are encoded alike.
    private static final Map<Block, TableEncoder> ENCODERS = java.util.Collections.synchronizedMap(new WeakHashMap<>());
    // Held while seeding the engine's global generator and drawing initial weights from it.
    private static final Object SEEDING = new Object();
    // What each block was last trained on, for an export to check against and describe.
    private static final Map<Block, LastRun> RUNS = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    private final Object model;
    private Object data;
    private Object validation;
    private String label;
    private boolean standardize = true;
    private int epochs = 10;
    private int batch = 64;
    private Optimizer optimizer = Optimizer.ADAM;
    private Float learningRate;
    private float momentum;
    private float weightDecay;
    private Loss loss;
    private List<String> metrics;
    private String device = "auto";
    private Long seed;
    private EarlyStop earlyStop;
    private String checkpoint; // a folder's path: a Path does not serialize
    private boolean resume;
    private boolean live = true;
    private String arguments;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private transient Collective collective;
    private transient PrintStream progress; // where rank 0's live view goes as lines, when it is drawn elsewhere

    private Training(Object model) {
        this.model = model;
    }

    /**
     * Training for a DJL {@link Model} or {@link Block} (a block is wrapped in a model of its own),
     * or for the model a {@link ModelBuilder} builds when the run starts, which the result holds.
     */
    public static Training of(Object model) {
        if (!(model instanceof ModelBuilder)) {
            checkModel(model);
        }
        return new Training(model);
    }

    private static Object checkModel(Object model) {
        if (!(model instanceof Model) && !(model instanceof Block)) {
            throw new IllegalArgumentException("the model must be a DJL Model or Block, not "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        return model;
    }

    /**
     * The training data: {@link Examples}, another DJL {@link Dataset} (read into memory, the user's
     * arrays left open), or a Tablesaw table with {@link #label}. Integer labels are classes; float
     * labels too (as DJL keeps them) when they are whole numbers and the model gives one output per class.
     */
    public Training data(Object trainingData) {
        this.data = trainingData;
        return this;
    }

    /** Data scored after each epoch ({@code val_loss}, {@code val_accuracy}); a table is encoded as the training table was. */
    public Training validate(Object validationData) {
        this.validation = validationData;
        return this;
    }

    /** The column a table's rows are labelled by. */
    public Training label(String column) {
        this.label = column;
        return this;
    }

    /** Whether a table's numeric columns are standardised (with the training table's mean and deviation); on by default. */
    public Training standardize(boolean on) {
        this.standardize = on;
        return this;
    }

    public Training epochs(int n) {
        this.epochs = n;
        return this;
    }

    public Training batch(int size) {
        this.batch = size;
        return this;
    }

    /** {@code sgd}, {@code adam} (the default) or {@code adamw}. */
    public Training optimizer(String name) {
        this.optimizer = Optimizer.named(name);
        return this;
    }

    /** The learning rate; 0.001 for Adam and 0.01 for SGD when not set. */
    public Training lr(double rate) {
        this.learningRate = (float) rate;
        return this;
    }

    /** SGD's momentum; 0 by default. */
    public Training momentum(double value) {
        this.momentum = (float) value;
        return this;
    }

    public Training weightDecay(double value) {
        this.weightDecay = (float) value;
        return this;
    }

    /** {@code cross-entropy} (the default for classes), {@code mse} (the default for targets) or {@code l1}. */
    public Training loss(String name) {
        this.loss = Loss.named(name);
        return this;
    }

    /**
     * The metric recorded per epoch besides the loss: {@code accuracy} for classes, {@code mae} (mean
     * absolute error) for targets (each the default for its kind of label), or none at all.
     */
    public Training metrics(String... names) {
        this.metrics = List.of(names);
        return this;
    }

    /** {@code auto} (the default: a GPU when one is visible), {@code cpu}, {@code gpu} or {@code gpu:N}. */
    public Training device(String name) {
        this.device = name;
        return this;
    }

    /** Fixes the initial weights, the shuffling and dropout: the same seed gives the same run. */
    public Training seed(long value) {
        this.seed = value;
        return this;
    }

    /** Stops when a metric has not improved for some epochs and keeps the best weights: {@code "val_loss:3"}. */
    public Training earlyStop(String spec) {
        this.earlyStop = EarlyStop.parse(spec);
        return this;
    }

    /** A folder for {@value Checkpoint#LAST} (after each epoch) and {@value Checkpoint#BEST}. */
    public Training checkpoint(Path folder) {
        this.checkpoint = folder.toString();
        return this;
    }

    /** Goes on from the checkpoint folder's last checkpoint, when there is one. */
    public Training resume(boolean on) {
        this.resume = on;
        return this;
    }

    /** Whether the live output is shown; on by default (and never outside a kernel). */
    public Training live(boolean on) {
        this.live = on;
        return this;
    }

    /** The run's arguments as the user wrote them, kept in checkpoints; {@code %train} passes its line. */
    public Training arguments(String line) {
        this.arguments = line;
        return this;
    }

    /**
     * Adds a listener that hears the run's events (epochs, batches, begin and end), after the
     * built-in ones (early stopping, checkpoints, the live view); listeners run in the order added.
     */
    public Training listener(TrainingListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("the listener is null");
        }
        this.listeners.add(listener);
        return this;
    }

    /**
     * Trains as one rank of a data-parallel run over {@code collective}, each rank in its own thread
     * or process with the same code, data and options. Every replica starts from rank 0's weights
     * (and rank 0's seed); an epoch's shuffled examples are cut into global batches of {@code
     * ranks × batch}, each rank taking its contiguous part, and the gradients are summed over the
     * ranks at every step, weighed by each rank's rows, so the ranks take the steps one process with
     * the global batch would. Validation is shared out likewise: the replicas hold the same weights,
     * so each scoring its part gives one process's figures at a rank's share of the cost. Every rank
     * records the merged figures, so early stopping stops all of them at the same epoch; only rank 0
     * shows the live output and writes checkpoints.
     */
    public Training distributed(Collective collective) {
        if (collective == null) {
            throw new IllegalArgumentException("the collective is null");
        }
        this.collective = collective;
        return this;
    }

    /**
     * Trains. Returns when the epochs are done, early stopping ends the run, or the user interrupts
     * it (at the next batch boundary: the model keeps the weights and the history so far).
     *
     * @throws IllegalArgumentException for options or data that cannot work, said in one line
     * @throws IOException when a checkpoint cannot be written or read
     */
    public TrainingResult fit() throws IOException {
        Object target = target();
        Plan plan = plan(blockOf(target), null);
        Device where = Devices.resolve(device);
        Model owner = modelFor(target, where);
        if (plan.encoder() != null) {
            ENCODERS.put(owner.getBlock(), plan.encoder());
        }
        DataParallel parallel = collective == null ? null : new DataParallel(collective);
        boolean leader = parallel == null || parallel.rank() == 0;
        long runSeed = seed != null ? seed : System.nanoTime();
        if (parallel != null) {
            runSeed = parallel.sharedSeed(runSeed);
        }
        Block block = owner.getBlock();
        NDManager manager = weightsManager(owner, target);
        if (!block.isInitialized()) {
            // The engine's generator is global: ranks that are threads of one JVM seed and draw in turn.
            synchronized (SEEDING) {
                ai.djl.engine.Engine.getInstance().setRandomSeed((int) runSeed);
                block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(plan.train().exampleShape()));
            }
        }
        float rate = learningRate != null ? learningRate : optimizer == Optimizer.SGD ? 0.01f : 0.001f;
        List<TrainingListener> heard = new ArrayList<>();
        if (parallel != null) {
            heard.add(parallel); // first: the other listeners see the averaged gradients
        }
        heard.addAll(listeners);
        if (progress != null && leader) {
            heard.add(new ProgressLines(progress, plan.metric()));
        }
        Loop.Settings settings = new Loop.Settings(plan.train(), plan.validation(), plan.loss(), plan.metric(), epochs,
                batch, optimizer, rate, momentum, weightDecay, runSeed, earlyStop == null ? null : earlyStop.fresh(),
                leader && checkpoint != null ? Path.of(checkpoint) : null, resume, live && leader && progress == null,
                arguments != null ? arguments : describe(runSeed, rate), heard, parallel);
        TrainingResult result = new Loop(owner, manager, settings).run();
        RUNS.put(block, new LastRun(plan.train(), plan.validation(), result.history()));
        return result;
    }

    /**
     * This run, to be run by every worker of a launch, each training a replica over the launch's
     * collective ({@link #distributed}); the model must be a {@link ModelBuilder}, as each worker
     * builds its own. The data are read into {@link Examples} here, once (a table encoded with the
     * training table's statistics), and travel with the run.
     *
     * @throws IllegalArgumentException for options or data that cannot work, said in one line
     */
    public WorkerTraining onWorkers() {
        if (!(model instanceof ModelBuilder builder)) {
            throw new IllegalArgumentException("training on workers needs code that builds the model (a ModelBuilder):"
                    + " a model cannot be copied to another JVM, so each worker builds its own replica");
        }
        Object built = checkModel(builder.build());
        Plan plan = plan(blockOf(built), null);
        data = plan.train();
        validation = plan.validation();
        return new WorkerTraining(this, plan.encoder(), built instanceof Block);
    }

    /**
     * A model built here by the run's builder, holding the weights a rank trained (its {@link
     * Trained} result), known to exports and evaluation as a model trained in this session.
     */
    TrainingResult adopt(Trained trained, TableEncoder encoder) throws Exception {
        Object target = target();
        Plan plan = plan(blockOf(target), encoder);
        Model owner = modelFor(target, Devices.resolve(device));
        Block block = owner.getBlock();
        NDManager manager = weightsManager(owner, target);
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(plan.train().exampleShape()));
        }
        block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(trained.parameters())));
        if (encoder != null) {
            ENCODERS.put(block, encoder);
        }
        History history = History.of(trained.history());
        RUNS.put(block, new LastRun(plan.train(), plan.validation(), history));
        return new TrainingResult(owner, history, trained.status(), trained.interrupted(), trained.bestEpoch());
    }

    /** The model to train: the one given, or a new one from the builder. */
    private Object target() {
        return model instanceof ModelBuilder builder ? checkModel(builder.build()) : model;
    }

    /** The examples, loss and metric a run of this block uses, every option checked; {@code encoder} for tables known to it. */
    private Plan plan(Block block, TableEncoder encoder) {
        if (data == null) {
            throw new IllegalArgumentException("no training data: pass it with data(...) (--data NAME)");
        }
        if (encoder == null && data instanceof Table table) {
            encoder = TableEncoder.fit(table, labelColumn(), standardize);
        }
        Examples train = examples(data, "data", encoder);
        Examples valid = validation == null ? null : examples(validation, "validation data", encoder);
        int floatClasses = floatClasses(block, train, loss);
        if (floatClasses > 0) {
            train = train.asClasses(floatClasses);
        }
        if (valid != null && train.classes() > 0 && valid.wholeTargets()) {
            valid = valid.asClasses(train.classes()); // int64 labels for training, float ones to validate
        }
        checkOptions(train);
        Loss lossKind = loss != null ? loss : train.classes() > 0 ? Loss.CROSS_ENTROPY : Loss.MSE;
        if (lossKind.classifies() && train.classes() == 0) {
            throw new IllegalArgumentException("loss cross-entropy needs class labels; these examples have targets (use mse or l1)");
        }
        String fitting = lossKind.classifies() ? "accuracy" : "mae";
        List<String> metricNames = metrics != null ? metrics : List.of(fitting);
        for (String metric : metricNames) {
            if (!metric.equals(fitting)) {
                throw new IllegalArgumentException("metric " + metric + ": " + (lossKind.classifies()
                        ? "class labels take accuracy" : "targets take mae (mean absolute error)"));
            }
        }
        if (earlyStop != null) {
            checkWatchable(earlyStop.metric(), valid != null, metricNames);
        }
        return new Plan(train, valid, encoder, lossKind, metricNames.isEmpty() ? null : fitting);
    }

    /** What a run trains on and how it scores, from the data and options as given. */
    private record Plan(Examples train, Examples validation, TableEncoder encoder, Loss loss, String metric) {
    }

    /** Sends the live view as lines to {@code out} ({@link ProgressLines}), to be drawn where they are read. */
    Training progressTo(PrintStream out) {
        this.progress = out;
        return this;
    }

    /** What a block was last trained on, and its history, when it was trained in this session. */
    public static Optional<LastRun> lastRun(Object modelOrBlock) {
        Block block = modelOrBlock instanceof Model given ? given.getBlock() : modelOrBlock instanceof Block b ? b : null;
        return Optional.ofNullable(block == null ? null : RUNS.get(block));
    }

    /**
     * The model a run trains: the one given, or a new one around the block. A block trained before
     * keeps its weights where they are, so it trains on where they live.
     */
    private Model modelFor(Object model, Device target) {
        if (model instanceof Model given) {
            Device where = given.getNDManager().getDevice();
            if (!device.equals("auto") && !where.equals(target)) {
                throw new IllegalArgumentException("device " + device + ": this model lives on " + where
                        + "; make it with Model.newInstance(name, Devices.resolve(\"" + device + "\")) or pass its Block");
            }
            if (given.getBlock() == null) {
                throw new IllegalArgumentException("the model has no block: call model.setBlock(...) first");
            }
            return given;
        }
        Block block = (Block) model;
        Device where = target;
        if (block.isInitialized() && !block.getParameters().isEmpty()) {
            where = block.getParameters().valueAt(0).getArray().getDevice();
            if (!device.equals("auto") && !where.equals(target)) {
                throw new IllegalArgumentException("device " + device + ": this block was trained on " + where
                        + " and its weights live there");
            }
        }
        Model made = Model.newInstance("model", where);
        made.setBlock(block);
        return made;
    }

    /**
     * Where a model's weights live: a given model's manager; for a block, a manager of its own, not
     * the model's, as a {@link Model} closes its manager when it is collected and the block
     * outlives the model made around it.
     */
    private static NDManager weightsManager(Model owner, Object given) {
        if (given instanceof Model) {
            return owner.getNDManager();
        }
        Block block = owner.getBlock();
        if (block.isInitialized() && !block.getParameters().isEmpty()) {
            return block.getParameters().valueAt(0).getArray().getManager();
        }
        return NDManager.newBaseManager(owner.getNDManager().getDevice());
    }

    /** Test data as examples for a trained block: a table is encoded as the block's training table was. */
    static Examples examplesFor(Block block, Object data, String what) {
        if (data instanceof Table && ENCODERS.get(block) == null) {
            throw new IllegalArgumentException("the " + what + " is a table, but this model was not trained on a table");
        }
        if (data == null) {
            throw new IllegalArgumentException("no " + what + ": pass it with --data NAME");
        }
        Examples examples = examples(data, what, ENCODERS.get(block));
        int floatClasses = floatClasses(block, examples, null);
        return floatClasses > 0 ? examples.asClasses(floatClasses) : examples;
    }

    /**
     * How many classes whole-number float labels stand for, or 0 when they are targets. DJL keeps
     * class indices as floats (its {@code Mnist}, its softmax loss), so such labels are classes when
     * the loss asked for is cross-entropy, or when none is asked for and the model gives one output
     * per class, more than one, for every label seen.
     */
    private static int floatClasses(Block block, Examples examples, Loss asked) {
        if (!examples.wholeTargets() || (asked != null && !asked.classifies())) {
            return 0;
        }
        int seen = 0;
        for (int i = 0; i < examples.size(); i++) {
            seen = Math.max(seen, (int) examples.label(i) + 1);
        }
        long outputs = outputsPerExample(block, examples.exampleShape());
        if (asked != null) {
            return (int) Math.max(seen, outputs);
        }
        return outputs > 1 && seen <= outputs ? (int) outputs : 0;
    }

    /** The width of the model's output for one example, or 0 when the block cannot tell before it runs. */
    private static long outputsPerExample(Block block, Shape exampleShape) {
        if (block == null) {
            return 0;
        }
        try {
            Shape output = block.getOutputShapes(new Shape[] {new Shape(1).addAll(exampleShape)})[0];
            return output.dimension() == 2 ? output.get(1) : 0;
        } catch (RuntimeException e) {
            return 0; // a block that must run to know its shape: its labels stay targets
        }
    }

    private static Block blockOf(Object modelOrBlock) {
        return modelOrBlock instanceof Model given ? given.getBlock() : (Block) modelOrBlock;
    }

    private String labelColumn() {
        if (label == null) {
            throw new IllegalArgumentException("a table needs the column its rows are labelled by: label(\"species\") (--label COLUMN)");
        }
        return label;
    }

    private static Examples examples(Object source, String what, TableEncoder encoder) {
        if (source instanceof Examples examples) {
            return examples;
        }
        if (source instanceof Table table) {
            if (encoder == null) {
                throw new IllegalArgumentException("the " + what + " is a table but the training data is not; pass both as tables or neither");
            }
            return encoder.encode(table);
        }
        if (source instanceof Dataset dataset) {
            return DatasetExamples.read(dataset, what);
        }
        throw new IllegalArgumentException("the " + what + " must be Examples, a DJL Dataset or a Tablesaw Table, not "
                + source.getClass().getName());
    }

    private void checkOptions(Examples train) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be 1 or more, not " + epochs);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be 1 or more, not " + batch);
        }
        if (learningRate != null && !(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be above 0, not " + learningRate);
        }
        if (momentum != 0 && optimizer != Optimizer.SGD) {
            throw new IllegalArgumentException("momentum is an SGD option; " + optimizer + " keeps its own moments");
        }
        if (resume && checkpoint == null) {
            throw new IllegalArgumentException("resume needs a checkpoint folder (--checkpoint DIR)");
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training data holds no examples");
        }
        if (collective != null && resume) {
            throw new IllegalArgumentException("distributed training cannot resume: only rank 0 writes checkpoints, so"
                    + " the other ranks have no optimizer state to go on from");
        }
        if (collective != null && train.size() < collective.worldSize()) {
            throw new IllegalArgumentException("distributed training over " + collective.worldSize() + " ranks needs"
                    + " at least as many examples; the data holds " + train.size());
        }
    }

    private static void checkWatchable(String metric, boolean validated, List<String> metricNames) {
        List<String> known = new ArrayList<>(List.of("train_loss"));
        metricNames.forEach(m -> known.add("train_" + m));
        if (validated) {
            known.add("val_loss");
            metricNames.forEach(m -> known.add("val_" + m));
        }
        if (!known.contains(metric)) {
            throw new IllegalArgumentException("early stop on " + metric + ": this run records " + String.join(", ", known)
                    + (validated || !metric.startsWith("val_") ? "" : " (val_ metrics need --validate)"));
        }
    }

    private String describe(long runSeed, float rate) {
        return String.format(Locale.ROOT, "epochs=%d batch=%d optimizer=%s lr=%s seed=%d%s", epochs, batch, optimizer,
                rate, runSeed, earlyStop == null ? "" : " early-stop=" + earlyStop);
    }
}
