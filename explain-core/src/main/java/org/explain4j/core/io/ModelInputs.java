package org.explain4j.core.io;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.explain4j.core.model.Preprocessing;
import org.explain4j.core.render.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a file into a model input: a {@code .npy} array shaped like the model input (with or without
 * a batch axis of 1) is used as it is; an image (PNG, JPEG, BMP, GIF) is resized bilinearly to the
 * input size and preprocessed as the model card says.
 */
public final class ModelInputs {

    /** The file names a folder run takes as inputs: the images {@link #load} decodes and {@code .npy} arrays. */
    public static final java.util.List<String> SUFFIXES = java.util.List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif", ".npy");

    /** Whether a folder run takes the file named {@code fileName} as an input (hidden files never). */
    public static boolean takes(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        return !n.startsWith(".") && SUFFIXES.stream().anyMatch(n::endsWith);
    }


    private final long[] inputShape;
    private final Preprocessing preprocessing;
    private final DataType dataType;
    private final PixelLimit pixelLimit;

    /** {@code inputShape}: [C,H,W] without the batch axis; images up to the default {@link PixelLimit}. */
    public ModelInputs(long[] inputShape, Preprocessing preprocessing, DataType dataType) {
        this(inputShape, preprocessing, dataType, PixelLimit.DEFAULT);
    }

    public ModelInputs(long[] inputShape, Preprocessing preprocessing, DataType dataType, PixelLimit pixelLimit) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("image inputs need a [C,H,W] model input, not " + Arrays.toString(inputShape));
        }
        this.inputShape = inputShape.clone();
        this.preprocessing = preprocessing;
        this.dataType = dataType;
        this.pixelLimit = pixelLimit;
    }

    public ModelInput load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("input file not found: " + file);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            checkShape(NpyFiles.header(file).shape(), file);
            INDArray x = fitShape(NpyFiles.read(file));
            if (!finite(x)) {
                throw new InputException(file + " contains NaN or infinite values");
            }
            return new ModelInput(x, display(x.slice(0)));
        }
        ModelInput in = fromImage(readImage(file), file);
        if (!finite(in.tensor())) {
            throw new InputException("preprocessing " + file + " as the model card says gives NaN or infinite values"
                    + " (is a standard deviation 0?)");
        }
        return in;
    }

    /** A model would turn a NaN input into NaN maps without a word: it is refused instead. */
    private static boolean finite(INDArray x) {
        return !x.isNaN().any() && !x.isInfinite().any();
    }

    /** Preprocesses an image already in memory. */
    public ModelInput fromImage(BufferedImage image, Path source) {
        int c = (int) inputShape[0];
        if (c != 1 && c != 3) {
            throw new InputException("the model takes " + c + " channels; an image gives 1 or 3, so pass a .npy array instead: " + source);
        }
        BufferedImage resized = Images.resize(image, (int) inputShape[2], (int) inputShape[1]);
        INDArray rgb = Images.toArray(resized);
        INDArray x;
        if (c == 1) {
            x = rgb.slice(0).mul(0.299).addi(rgb.slice(1).mul(0.587)).addi(rgb.slice(2).mul(0.114)).reshape(1, inputShape[1], inputShape[2]);
        } else if ("BGR".equalsIgnoreCase(preprocessing.channelOrder())) {
            x = Nd4j.concat(0, rgb.slice(2).reshape(1, inputShape[1], inputShape[2]),
                    rgb.slice(1).reshape(1, inputShape[1], inputShape[2]), rgb.slice(0).reshape(1, inputShape[1], inputShape[2]));
        } else {
            x = rgb;
        }
        x = x.castTo(DataType.DOUBLE).muli(255.0 * preprocessing.scale());
        for (int ch = 0; ch < c; ch++) {
            x.slice(ch).subi(preprocessing.meanOf(ch)).divi(preprocessing.stdOf(ch));
        }
        return new ModelInput(x.castTo(dataType).reshape(1, c, inputShape[1], inputShape[2]), resized);
    }

    /** Undoes the preprocessing to draw an input; min-max scales it when it was not made by that preprocessing. */
    public BufferedImage display(INDArray chw) {
        INDArray x = chw.castTo(DataType.DOUBLE).dup();
        for (int ch = 0; ch < x.size(0); ch++) {
            x.slice(ch).muli(preprocessing.stdOf(ch)).addi(preprocessing.meanOf(ch));
        }
        x.divi(255.0 * preprocessing.scale());
        double min = x.minNumber().doubleValue();
        double max = x.maxNumber().doubleValue();
        if (min < -0.02 || max > 1.02) {
            x.subi(min).divi(Math.max(max - min, 1e-12));
        }
        if (x.size(0) != 1 && x.size(0) != 3) {
            x = x.mean(0).reshape(1, x.size(1), x.size(2));
            double lo = x.minNumber().doubleValue();
            x.subi(lo).divi(Math.max(x.maxNumber().doubleValue() - lo, 1e-12));
        }
        if (x.size(0) == 3 && "BGR".equalsIgnoreCase(preprocessing.channelOrder())) {
            x = Nd4j.concat(0, x.slice(2).reshape(1, x.size(1), x.size(2)), x.slice(1).reshape(1, x.size(1), x.size(2)),
                    x.slice(0).reshape(1, x.size(1), x.size(2)));
        }
        return Images.fromArray(x);
    }

    /** Refuses a shape from the header, before the data is read. */
    private void checkShape(long[] s, Path file) {
        boolean bare = Arrays.equals(s, inputShape);
        boolean batched = s.length == inputShape.length + 1 && Arrays.equals(Arrays.copyOfRange(s, 1, s.length), inputShape);
        if (batched && s[0] != 1) {
            throw new InputException(file + " holds " + s[0] + " samples; give one input (shape "
                    + Arrays.toString(inputShape) + " or [1, ...])");
        }
        if (!bare && !batched) {
            throw new InputException(file + " has shape " + Arrays.toString(s) + "; the model takes "
                    + Arrays.toString(inputShape) + " (with or without a leading batch axis of 1)");
        }
    }

    private INDArray fitShape(INDArray x) {
        long[] full = new long[inputShape.length + 1];
        full[0] = 1;
        System.arraycopy(inputShape, 0, full, 1, inputShape.length);
        return x.castTo(dataType).reshape(full);
    }

    private BufferedImage readImage(Path file) {
        return ImageReading.read(file, pixelLimit);
    }
}
