package org.explain4j.spark.job;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.SparkFiles;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;

/**
 * The executor's loaded models, shipped as a broadcast variable: Spark deserializes a broadcast value once per executor
 * and hands every task of that executor the same object, so what this pool loads it loads once per executor, from the
 * file the driver shipped. A loaded model answers one task at a time (a SameDiff graph and its gradient functions are
 * not safe to run from two threads), so an executor running k tasks at once holds k copies, each loaded once and reused
 * by every later partition.
 */
public final class ModelPool implements Serializable {

    /** One model, its method and its input loader: what a task borrows. */
    public record Loaded(ExplainableModel model, AttributionMethod method, ModelInputs inputs) {
    }

    private final ModelShipment shipment;
    private transient Queue<Loaded> idle;

    public ModelPool(ModelShipment shipment) {
        this.shipment = shipment;
    }

    /** An idle loaded model, else a new one; {@code loaded} is told the seconds a new one took. */
    public Loaded borrow(java.util.function.DoubleConsumer loaded) {
        Loaded l = idle().poll();
        if (l != null) {
            return l;
        }
        long start = System.nanoTime();
        l = load();
        loaded.accept((System.nanoTime() - start) / 1e9);
        return l;
    }

    public void giveBack(Loaded l) {
        idle().add(l);
    }

    private synchronized Queue<Loaded> idle() {
        if (idle == null) {
            idle = new ConcurrentLinkedQueue<>();
        }
        return idle;
    }

    private Loaded load() {
        Path file = Path.of(SparkFiles.get(shipment.modelFile()));
        Path labels = shipment.labelsFile() == null ? null : Path.of(SparkFiles.get(shipment.labelsFile()));
        ExplainableModel model = ModelFiles.open(file, ModelCard.empty(), labels);
        AttributionMethod method = shipment.spec().create(new GradientEngine(model));
        ModelInputs inputs = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType(),
                new PixelLimit(shipment.maxPixels()));
        return new Loaded(model, method, inputs);
    }
}
