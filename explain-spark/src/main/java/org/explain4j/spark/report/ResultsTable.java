package org.explain4j.spark.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.explain4j.core.report.ExplanationReport;

/**
 * The per-image results table a distributed run writes beside the files (Parquet): one row per input, explained or
 * skipped, with the prediction and every answered question's map range and files, so that "which images did the
 * model call a stop sign, and where are their maps?" is one query. File paths are relative to --out.
 */
public final class ResultsTable {

    public static final String FILE = "results.parquet";
    public static final String EXPLAINED = "explained";
    public static final String SKIPPED = "skipped";

    private static final StructType ANSWER = DataTypes.createStructType(new StructField[]{
            field("slug", DataTypes.StringType), field("question", DataTypes.StringType), field("kind", DataTypes.StringType),
            field("p", DataTypes.IntegerType), field("q", DataTypes.IntegerType),
            field("raw_min", DataTypes.DoubleType), field("raw_max", DataTypes.DoubleType),
            field("raw_file", DataTypes.StringType), field("map_file", DataTypes.StringType), field("overlay_file", DataTypes.StringType)});

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[]{
            field("input", DataTypes.StringType), field("status", DataTypes.StringType), field("error", DataTypes.StringType),
            field("folder", DataTypes.StringType), field("report_file", DataTypes.StringType),
            field("method", DataTypes.StringType), field("layer", DataTypes.StringType),
            field("predicted_class", DataTypes.IntegerType), field("predicted_label", DataTypes.StringType),
            field("probability", DataTypes.DoubleType), field("score", DataTypes.DoubleType),
            field("answers", DataTypes.createArrayType(ANSWER, false))});

    private ResultsTable() {
    }

    public static Row explained(String input, String folder, String reportFile, ExplanationReport r) {
        List<Row> answers = new ArrayList<>();
        for (ExplanationReport.Answer a : r.explanations()) {
            answers.add(RowFactory.create(a.slug(), a.question(), a.kind(), a.p(), a.q(), a.rawMin(), a.rawMax(),
                    path(folder, a.files().raw()), path(folder, a.files().map()), path(folder, a.files().overlay())));
        }
        ExplanationReport.Prediction p = r.prediction();
        return RowFactory.create(input, EXPLAINED, null, folder, path(folder, reportFile), r.method(), r.layer(), p.classIndex(), p.label(),
                p.probability(), p.score(), seq(answers));
    }

    public static Row skipped(String input, String folder, String error) {
        return RowFactory.create(input, SKIPPED, error, folder, null, null, null, null, null, null, null, seq(List.of()));
    }

    /** Spark's row encoder takes a Scala sequence for an array column. */
    private static scala.collection.Seq<Row> seq(List<Row> rows) {
        return scala.collection.JavaConverters.asScalaBuffer(rows);
    }

    private static String path(String folder, String file) {
        return folder.isEmpty() ? file : folder + "/" + file;
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
