package org.explain4j.spark.report;

import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.explain4j.recognition.novelty.detector.NoveltyRun;

/**
 * The novelty scores of a distributed run (Parquet): one row per input, its reconstruction error, per decoder weight
 * (in the detector's site order) the gradient's norm and its cosines to GradCON's reference and to the mean inlier
 * gradient, and every score by name; or the reason it was skipped.
 */
public final class NoveltyTable {

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[]{
            field("input", DataTypes.StringType), field("status", DataTypes.StringType), field("error", DataTypes.StringType),
            field("loss", DataTypes.DoubleType), field("scores", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType)),
            field("norm", DataTypes.createArrayType(DataTypes.DoubleType, false)),
            field("cosine", DataTypes.createArrayType(DataTypes.DoubleType, false)),
            field("cosine_to_mean", DataTypes.createArrayType(DataTypes.DoubleType, false))});

    private NoveltyTable() {
    }

    public static Row row(NoveltyRun.Scored s) {
        if (!s.scored()) {
            return RowFactory.create(s.input(), ResultsTable.SKIPPED, s.error(), null, null, null, null, null);
        }
        return RowFactory.create(s.input(), ResultsTable.EXPLAINED, null, s.loss(),
                scala.collection.JavaConverters.mapAsScalaMapConverter(s.scores()).asScala(), seq(s.norm()), seq(s.cosine()),
                seq(s.cosineToMean()));
    }

    private static scala.collection.Seq<Double> seq(double[] values) {
        return scala.collection.JavaConverters.asScalaBuffer(Arrays.stream(values).boxed().toList());
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
