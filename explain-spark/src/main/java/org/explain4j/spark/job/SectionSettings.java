package org.explain4j.spark.job;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.explain4j.datasets.segy.SegyLayout;

/**
 * What an executor needs to explain inlines as {@code bin/explain seismic section --segy F --inline N} does.
 *
 * @param modelName the model as the reports name it
 * @param method    the method's name for the reports
 * @param segy      the survey: a local path every executor sees, or a Hadoop URI
 * @param survey    its file name, for the sections' titles ("inline N of survey.sgy")
 * @param command   the command line, for the reports
 */
public record SectionSettings(ModelShipment model, String modelName, String method, String layer, int stride, int batch, Integer why,
                              List<Integer> rather, boolean notFully, String segy, String survey, SegyLayout layout, String out,
                              Map<String, String> hadoop, String command) implements Serializable {

    public SectionSettings {
        rather = List.copyOf(rather);
        hadoop = Map.copyOf(hadoop);
    }
}
