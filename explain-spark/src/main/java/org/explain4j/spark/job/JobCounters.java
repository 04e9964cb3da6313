package org.explain4j.spark.job;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * What the executors tell the driver while a job runs, as Spark accumulators (merged on the driver as each task
 * ends): inputs done and explained, the reasons of skipped ones, and every model load with its seconds, so the
 * summary says how often the model was loaded and what that cost without reading the table back.
 */
public final class JobCounters implements Serializable {

    private final LongAccumulator done;
    private final LongAccumulator explained;
    private final CollectionAccumulator<String> skipped;
    private final LongAccumulator loads;
    private final DoubleAccumulator loadSeconds;

    public JobCounters(SparkContext sc) {
        done = sc.longAccumulator("explain4j inputs done");
        explained = sc.longAccumulator("explain4j inputs explained");
        skipped = sc.collectionAccumulator("explain4j inputs skipped");
        loads = sc.longAccumulator("explain4j model loads");
        loadSeconds = sc.doubleAccumulator("explain4j model load seconds");
    }

    void done(boolean ok) {
        done.add(1);
        if (ok) {
            explained.add(1);
        }
    }

    void skipped(String reason) {
        skipped.add(reason);
    }

    void modelLoaded(double seconds) {
        loads.add(1);
        loadSeconds.add(seconds);
    }

    public long done() {
        return done.value();
    }

    public long explained() {
        return explained.value();
    }

    public List<String> skipped() {
        return skipped.value().stream().sorted().toList();
    }

    public long loads() {
        return loads.value();
    }

    public double loadSeconds() {
        return loadSeconds.value();
    }
}
