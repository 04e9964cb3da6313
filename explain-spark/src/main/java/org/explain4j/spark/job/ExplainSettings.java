package org.explain4j.spark.job;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.explain4j.core.attribution.MethodSpec;

/**
 * Everything an executor needs to answer as bin/explain's folder run does, checked on the driver first.
 *
 * @param modelFile  the model's file name as shipped with {@code SparkContext.addFile} (its card, when it has one, beside it)
 * @param labelsFile the labels' file name as shipped, or null
 * @param modelName  the model as the user named it: the reports' {@code model} field, as bin/explain writes it
 * @param rather     contrast classes; empty: the runner-up
 * @param maxPixels  the largest image decoded (--max-pixels)
 * @param out        --out: a local folder or a Hadoop URI
 * @param hadoop     the driver's Hadoop settings (credentials for s3a:, the name node for hdfs:)
 */
public record ExplainSettings(String modelFile, String labelsFile, String modelName, MethodSpec spec, List<Integer> rather,
                              boolean notFully, int batch, long maxPixels, String out, Map<String, String> hadoop) implements Serializable {

    public ExplainSettings {
        rather = List.copyOf(rather);
        hadoop = Map.copyOf(hadoop);
    }
}
