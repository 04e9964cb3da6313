package org.explain4j.spark.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/** Positioned reads of one file through Hadoop's file systems (a local path, file:, hdfs:, s3a:): a task reads its byte range only. */
public final class RangeReader implements AutoCloseable {

    private final String location;
    private final FSDataInputStream in;

    private RangeReader(String location, FSDataInputStream in) {
        this.location = location;
        this.in = in;
    }

    public static RangeReader open(String location, Map<String, String> hadoop) throws IOException {
        Path p = new Path(location);
        return new RangeReader(location, p.getFileSystem(ResultStore.configuration(hadoop)).open(p));
    }

    public ByteBuffer read(long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        try {
            in.readFully(offset, bytes);
        } catch (java.io.EOFException e) {
            throw new IOException(location + " ends before byte " + (offset + length) + " (truncated?)", e);
        }
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
