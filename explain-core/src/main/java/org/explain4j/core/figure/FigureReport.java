package org.explain4j.core.figure;

import java.util.List;
import org.explain4j.core.report.ExplanationReport;

/** {@code figure.json}: the command that drew the figure and, per row, its classes and answers. */
public record FigureReport(String command, String model, String layer, List<RowReport> rows) {

    /** One row: its input, P with its probability, Q1, Q2 and every question answered. */
    public record RowReport(String input, String p, double probabilityOfP, String q1, String q2,
                            List<ExplanationReport.Answer> questions) {
    }
}
