package org.explain4j.spark.job;

import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;

/** The executor's loaded models ({@link ExecutorPool}): a model file as shipped, with its method and input loader. */
public final class ModelPool extends ExecutorPool<ModelPool.Loaded> {

    /** One model, its method and its input loader: what a task borrows. */
    public record Loaded(ExplainableModel model, AttributionMethod method, ModelInputs inputs) {
    }

    private final ModelShipment shipment;

    public ModelPool(ModelShipment shipment) {
        this.shipment = shipment;
    }

    @Override
    protected Loaded load() {
        Path file = Path.of(SparkFiles.get(shipment.modelFile()));
        Path labels = shipment.labelsFile() == null ? null : Path.of(SparkFiles.get(shipment.labelsFile()));
        ExplainableModel model = ModelFiles.open(file, ModelCard.empty(), labels);
        AttributionMethod method = shipment.spec().create(new GradientEngine(model));
        ModelInputs inputs = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType(),
                new PixelLimit(shipment.maxPixels()));
        return new Loaded(model, method, inputs);
    }
}
