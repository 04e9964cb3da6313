package org.explain4j.spark.cli;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.explain4j.cli.UsageException;

/** The Spark session of one command: the master asked for, else spark-submit's, else every core of this machine. */
final class SparkSessions {

    private SparkSessions() {
    }

    static SparkSession start(String master, Map<String, String> conf) {
        quietLogs();
        String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
        SparkSession.Builder b = SparkSession.builder().appName("explain4j").master(chosen);
        if (chosen.startsWith("local")) {
            // One machine: no web UI on a port, no host name to resolve.
            b.config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "localhost");
        }
        conf.forEach(b::config);
        b.config("spark.ui.showConsoleProgress", "false");
        try {
            return b.getOrCreate();
        } catch (Exception e) {
            // Scala throws SparkException, a checked exception, without declaring it: a master URL Spark cannot parse or reach.
            if (e instanceof org.apache.spark.SparkException || e instanceof IllegalArgumentException) {
                throw new UsageException("cannot start Spark on " + chosen + ": " + e.getMessage());
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /**
     * Spark, Hadoop and Parquet log their start-up at WARN (the host name, the missing native Hadoop library, the
     * committer's cleanup): a command's stderr keeps its own progress and warnings. Set before Spark makes its loggers,
     * and only where the user set nothing (-Dorg.slf4j.simpleLogger.log.org.apache.spark=info brings them back).
     */
    private static void quietLogs() {
        for (String name : new String[]{"org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "org.sparkproject"}) {
            String key = "org.slf4j.simpleLogger.log." + name;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }
}
