package jdlab.export;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/** Networks built with plain DJL calls, as notebooks build them, with seeded random weights. */
final class Nets {

    private Nets() {
    }

    static Block mlp(NDManager manager) {
        SequentialBlock net = new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(32).build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.leakyReluBlock(0.1f))
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.geluBlock())
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.sigmoidBlock())
                .add(Linear.builder().setUnits(10).build());
        return initialized(net, manager, 1, 64);
    }

    static Block cnn(NDManager manager) {
        return initialized(cnnArchitecture(), manager, 1, 1, 8, 8);
    }

    /** The CNN's blocks without weights, as a fresh kernel builds them before loading saved ones. */
    static Block cnnArchitecture() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).build())
                .add(Activation.reluBlock())
                .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(1, 1), new Shape(1, 1)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    /** A residual block as DJL's ResNet builds it: conv, norm, relu, conv, norm beside the identity, added, relu. */
    static Block residual(NDManager manager) {
        SequentialBlock unit = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build())
                .add(BatchNorm.builder().build());
        ParallelBlock residual = new ParallelBlock(
                list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                Arrays.asList(unit, Blocks.identityBlock()));
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4).build())
                .add(residual)
                .add(Activation.reluBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(10).build());
        return initialized(net, manager, 1, 1, 8, 8);
    }

    static Block initialized(Block net, NDManager manager, long... inputShape) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        net.initialize(manager, DataType.FLOAT32, new Shape(inputShape));
        return net;
    }
}
