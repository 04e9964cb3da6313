package org.explain4j.spark.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Where each input's folder of files goes. A local --out (a plain path, or a folder every executor mounts) is written
 * in place, staged as bin/explain stages it; any other (hdfs:, s3a:) is written into a local scratch folder first and
 * then copied up whole, without Hadoop's checksum side files, so the folder holds exactly what bin/explain writes.
 */
public sealed interface ResultStore {

    /** The local folder the report is written into for {@code folder} (relative to --out). */
    Path writeFolder(String folder);

    /** Called once the input's files are complete in {@link #writeFolder}. */
    void published(String folder) throws IOException;

    /** Whether the input's report already exists (a rerun keeps it unless --overwrite). */
    boolean exists(String folder, String report) throws IOException;

    static ResultStore of(String out, Map<String, String> hadoop, Path scratch) {
        return InputListing.isLocal(out) ? new Local(Path.of(out)) : new Remote(out, hadoop, scratch);
    }

    record Local(Path out) implements ResultStore {
        @Override
        public Path writeFolder(String folder) {
            return out.resolve(folder);
        }

        @Override
        public void published(String folder) {
        }

        @Override
        public boolean exists(String folder, String report) {
            return Files.isRegularFile(out.resolve(folder).resolve(report));
        }
    }

    record Remote(String out, Map<String, String> hadoop, Path scratch) implements ResultStore {
        @Override
        public Path writeFolder(String folder) {
            return scratch.resolve(folder.isEmpty() ? "." : folder);
        }

        @Override
        public void published(String folder) throws IOException {
            org.apache.hadoop.fs.Path target = target(folder);
            FileSystem fs = target.getFileSystem(configuration(hadoop));
            fs.setWriteChecksum(false);
            Path local = writeFolder(folder);
            fs.delete(target, true);
            fs.mkdirs(target);
            try (Stream<Path> files = Files.list(local)) {
                for (Path f : files.sorted().toList()) {
                    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(f.toUri()), new org.apache.hadoop.fs.Path(target, f.getFileName().toString()));
                }
            }
            try (Stream<Path> walk = Files.walk(local)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        @Override
        public boolean exists(String folder, String report) throws IOException {
            org.apache.hadoop.fs.Path f = new org.apache.hadoop.fs.Path(target(folder), report);
            return f.getFileSystem(configuration(hadoop)).exists(f);
        }

        private org.apache.hadoop.fs.Path target(String folder) {
            return folder.isEmpty() ? new org.apache.hadoop.fs.Path(out) : new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(out), folder);
        }
    }

    /** A Hadoop configuration from the driver's settings (Spark ships them as a plain map: Configuration is not serializable). */
    static Configuration configuration(Map<String, String> settings) {
        Configuration conf = new Configuration();
        settings.forEach(conf::set);
        return conf;
    }
}
