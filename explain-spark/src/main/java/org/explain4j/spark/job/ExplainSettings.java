package org.explain4j.spark.job;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything an executor needs to answer as bin/explain's folder run does, checked on the driver first.
 *
 * @param model      the model file, its method and input limits, as shipped
 * @param modelName  the model as the user named it: the reports' {@code model} field, as bin/explain writes it
 * @param rather     contrast classes; empty: the runner-up
 * @param out        --out: a local folder or a Hadoop URI
 * @param hadoop     the driver's Hadoop settings (credentials for s3a:, the name node for hdfs:)
 */
public record ExplainSettings(ModelShipment model, String modelName, List<Integer> rather, boolean notFully, int batch, String out,
                              Map<String, String> hadoop) implements Serializable {

    public ExplainSettings {
        rather = List.copyOf(rather);
        hadoop = Map.copyOf(hadoop);
    }
}
