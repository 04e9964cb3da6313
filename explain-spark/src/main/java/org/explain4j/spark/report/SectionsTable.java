package org.explain4j.spark.report;

import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.explain4j.seismic.report.SectionReport;

/** The per-inline results table of a distributed section run (Parquet, beside each inline's folder): one row per inline. */
public final class SectionsTable {

    public static final StructType SCHEMA = DataTypes.createStructType(new StructField[]{
            field("section", DataTypes.StringType), field("inline", DataTypes.IntegerType), field("status", DataTypes.StringType),
            field("error", DataTypes.StringType), field("folder", DataTypes.StringType), field("report_file", DataTypes.StringType),
            field("traces", DataTypes.IntegerType), field("samples", DataTypes.IntegerType), field("windows", DataTypes.IntegerType),
            field("windows_per_class", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType)),
            field("seconds", DataTypes.DoubleType)});

    private SectionsTable() {
    }

    public static Row explained(int inline, String folder, String reportFile, SectionReport r) {
        return RowFactory.create(r.section(), inline, ResultsTable.EXPLAINED, null, folder, folder + "/" + reportFile, r.traces(), r.samples(),
                r.windows(), scala(r.windowsPerClass()), r.seconds());
    }

    public static Row skipped(String section, int inline, String folder, String error) {
        return RowFactory.create(section, inline, ResultsTable.SKIPPED, error, folder, null, null, null, null, null, null);
    }

    /** Spark's row encoder takes a Scala map for a map column. */
    private static scala.collection.Map<String, Integer> scala(Map<String, Integer> m) {
        return scala.collection.JavaConverters.mapAsScalaMapConverter(m).asScala();
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
