package org.explain4j.core.io;

import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One input ready for the model ({@code tensor}, [1,C,H,W]) and a picture of it for overlays ({@code display}, H x W). */
public record ModelInput(INDArray tensor, BufferedImage display) {
}
