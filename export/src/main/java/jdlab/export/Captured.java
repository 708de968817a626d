package jdlab.export;

import ai.djl.nn.LambdaBlock;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The values a DJL {@link LambdaBlock}'s lambda captured: {@code Pool.maxPool2dBlock(kernel, stride,
 * padding)} keeps its settings there and nowhere else, and {@code leakyReluBlock(alpha)} its slope.
 *
 * <p>A lambda's captured values are the fields of its class, in the order the lambda's body
 * names them (the JDK numbers them {@code arg$1}, {@code arg$2}, ...). DJL lives in the
 * unnamed module, so reading them is allowed; the exported file's parity check against DJL's own
 * output proves what was read.
 */
final class Captured {

    private final String block;
    private final List<Object> values;

    private Captured(String block, List<Object> values) {
        this.block = block;
        this.values = values;
    }

    static Captured of(LambdaBlock block) {
        List<Object> values = new ArrayList<>();
        collect(read(field(LambdaBlock.class, "lambda"), block), values);
        return new Captured(block.getName(), values);
    }

    // LambdaBlock.singleton wraps the function it is given in a lambda of its own: look inside.
    private static void collect(Object lambda, List<Object> values) {
        Arrays.stream(lambda.getClass().getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .sorted(Comparator.comparing(Field::getName))
                .map(f -> read(f, lambda))
                .forEach(value -> {
                    if (value != null && value.getClass().isHidden()) {
                        collect(value, values);
                    } else {
                        values.add(value);
                    }
                });
    }

    /** The {@code index}th captured value of this type (0 for the first). */
    <T> T get(Class<T> type, int index) {
        List<Object> ofType = values.stream().filter(type::isInstance).toList();
        if (index >= ofType.size()) {
            throw new UnsupportedBlockException("cannot read the settings of the " + block
                    + " block: it holds " + ofType.size() + " values of type " + type.getSimpleName());
        }
        return type.cast(ofType.get(index));
    }

    /** A private field of a DJL block that has no getter for it, such as {@code BatchNorm}'s epsilon. */
    static <T> T field(Class<?> owner, String name, Object block, Class<T> type) {
        return type.cast(read(field(owner, name), block));
    }

    private static Field field(Class<?> owner, String name) {
        try {
            return owner.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this DJL's " + owner.getSimpleName() + " has no field " + name, e);
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + field + ": " + e.getMessage(), e);
        }
    }
}
