package jdlab.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training run saved after an epoch: the block's parameters, the optimizer's state, the history
 * and the run's arguments, in one file.
 *
 * <p>A file is written whole or not at all: to a temporary file beside it, forced to disk, then
 * renamed over the old one (a rename within a folder is atomic), so a kernel killed mid-save
 * leaves the previous checkpoint as it was.
 */
public final class Checkpoint {

    /** The checkpoint of the last finished epoch, which {@code --resume} continues from. */
    public static final String LAST = "last.ckpt";
    /** The checkpoint of the best epoch, when early stopping watches a metric. */
    public static final String BEST = "best.ckpt";

    private static final String MAGIC = "jdlab-checkpoint";
    private static final int VERSION = 1;
    private static final String END = "end";

    /** What a checkpoint says of its run, besides the arrays. */
    public record State(int epoch, String arguments, List<Map<String, Double>> history, long optimizerSteps,
                        double best, int bestEpoch) {
        public State {
            history = List.copyOf(history);
        }
    }

    private Checkpoint() {
    }

    /** Writes a checkpoint file atomically (see the class comment). */
    static void write(Path file, State state, Block block, List<NDArray> optimizerState) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        removeLeftovers(folder, file.getFileName().toString());
        Path temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileOutputStream bytes = new FileOutputStream(temporary.toFile());
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(bytes, 1 << 16))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(state.epoch());
                out.writeUTF(state.arguments());
                out.writeLong(state.optimizerSteps());
                out.writeDouble(state.best());
                out.writeInt(state.bestEpoch());
                out.writeInt(state.history().size());
                for (Map<String, Double> row : state.history()) {
                    out.writeInt(row.size());
                    for (Map.Entry<String, Double> metric : row.entrySet()) {
                        out.writeUTF(metric.getKey());
                        out.writeDouble(metric.getValue());
                    }
                }
                block.saveParameters(out);
                out.writeInt(optimizerState.size());
                for (NDArray array : optimizerState) {
                    byte[] encoded = array.encode();
                    out.writeInt(encoded.length);
                    out.write(encoded);
                }
                out.writeUTF(END);
                out.flush();
                bytes.getFD().sync();
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true); // the rename itself reaches the disk
        }
    }

    /** What a checkpoint file says, without its arrays: for a look at a run saved earlier. */
    public static State read(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return readState(in, file);
        }
    }

    /**
     * Loads a checkpoint into a block of the same architecture, and returns its state and the
     * optimizer's arrays (made by {@code manager}).
     */
    static Loaded load(Path file, Block block, NDManager manager) throws IOException {
        try (DataInputStream in = open(file)) {
            State state = readState(in, file);
            try {
                block.loadParameters(manager, in);
            } catch (MalformedModelException | RuntimeException e) {
                throw new IOException(file + ": its parameters do not fit this model (" + e.getMessage() + ")", e);
            }
            int arrays = in.readInt();
            List<NDArray> optimizerState = new ArrayList<>(arrays);
            for (int i = 0; i < arrays; i++) {
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                optimizerState.add(NDArray.decode(manager, encoded));
            }
            if (!END.equals(in.readUTF())) {
                throw new IOException(file + " does not end as a jdlab checkpoint does");
            }
            return new Loaded(state, optimizerState);
        }
    }

    record Loaded(State state, List<NDArray> optimizerState) { }

    private static DataInputStream open(Path file) throws IOException {
        InputStream bytes = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(bytes, 1 << 16));
        try {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new IOException(file + " is not a jdlab checkpoint (version " + VERSION + ")");
            }
        } catch (IOException e) {
            in.close();
            throw e instanceof java.io.EOFException ? new IOException(file + " is not a jdlab checkpoint", e) : e;
        }
        return in;
    }

    private static State readState(DataInputStream in, Path file) throws IOException {
        int epoch = in.readInt();
        String arguments = in.readUTF();
        long steps = in.readLong();
        double best = in.readDouble();
        int bestEpoch = in.readInt();
        int rows = in.readInt();
        List<Map<String, Double>> history = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            int metrics = in.readInt();
            Map<String, Double> row = new LinkedHashMap<>();
            for (int j = 0; j < metrics; j++) {
                row.put(in.readUTF(), in.readDouble());
            }
            history.add(row);
        }
        return new State(epoch, arguments, history, steps, best, bestEpoch);
    }

    // Temporary files of saves that a killed kernel never finished.
    private static void removeLeftovers(Path folder, String name) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, "." + name + ".*.tmp")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }
}
