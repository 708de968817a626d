package jdlab.export;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A DJL export: the parameters in DJL's own model file, {@code FOLDER/NAME-0000.params}, which a
 * fresh kernel loads with {@code Model.newInstance(NAME)}, {@code setBlock(the same network)} and
 * {@code load(FOLDER, NAME)}. The file's properties keep the input shape, the network's structure as
 * DJL describes it, and, from training, the labels and last metrics.
 *
 * <p>The file is proved before it is put in place: its parameters are loaded back into the network
 * and must give exactly the outputs it gave before.
 */
public final class DjlExport {

    private final Block block;
    private final String name;
    private final Map<String, String> properties = new LinkedHashMap<>();

    DjlExport(Block block, String name) {
        this.block = block;
        this.name = name;
    }

    /** A key and value for the file's properties, which {@code Model.getProperty} reads after loading. */
    public DjlExport property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Writes {@code folder/NAME-0000.params}; returns that file. The old file stays unless the new one is proved. */
    public Path to(Path folder) throws IOException {
        Trained.requireWeights(block);
        Files.createDirectories(folder);
        Shape[] inputs = block.getInputShapes();
        Path target = folder.resolve(name + "-0000.params");
        Path staging = Files.createTempDirectory(folder, "." + name + ".");
        try (NDManager manager = NDManager.newBaseManager(Trained.device(block));
                Model model = Model.newInstance(name, manager.getDevice())) {
            model.setBlock(block);
            model.setProperty("Epoch", "0");
            model.setProperty("inputShape", Arrays.toString(inputs));
            model.setProperty("block", block.toString());
            Trained.metadata(block).forEach(model::setProperty);
            properties.forEach(model::setProperty);
            model.save(staging, name);
            Path written = staging.resolve(target.getFileName());
            CheckData data = CheckData.of(null, 4, new Shape(1).addAll(inputs[0].slice(1)));
            float[] before = Runs.djl(block, manager, data.inputs(), data.batchShape()).values();
            reload(written, Trained.weightsManager(block));
            float[] after = Runs.djl(block, manager, data.inputs(), data.batchShape()).values();
            if (!Arrays.equals(before, after)) {
                throw new IllegalStateException("the written parameters do not give the model's outputs back; nothing was written");
            }
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            try (Stream<Path> left = Files.walk(staging)) {
                for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    // DJL's model file: "DJL@", its version, the name, the data type, the inputs, the properties, then
    // the parameters, loaded into the network where its weights live now, as a checkpoint resumes.
    private void reload(Path file, NDManager weights) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = in.readNBytes(4);
            if (!"DJL@".equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IOException(file + " is not a DJL model file");
            }
            in.readInt();
            in.readUTF();
            in.readUTF();
            for (int i = in.readInt(); i > 0; i--) {
                in.readUTF();
                Shape.decode(in);
            }
            for (int i = in.readInt(); i > 0; i--) {
                in.readUTF();
                in.readUTF();
            }
            block.loadParameters(weights, in);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("the written parameters do not load back: " + e.getMessage(), e);
        }
    }
}
