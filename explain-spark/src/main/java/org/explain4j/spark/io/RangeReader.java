package org.explain4j.spark.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.explain4j.datasets.segy.SegyFile;

/**
 * Positioned reads of one file through Hadoop's file systems (a local path, file:, hdfs:, s3a:): a task reads its byte
 * range only, and the driver a survey's headers ({@link SegyFile.Source}).
 */
public final class RangeReader implements SegyFile.Source {

    private final String location;
    private final FSDataInputStream in;
    private final long size;

    private RangeReader(String location, FSDataInputStream in, long size) {
        this.location = location;
        this.in = in;
        this.size = size;
    }

    public static RangeReader open(String location, Map<String, String> hadoop) throws IOException {
        Path p = new Path(location);
        FileSystem fs = p.getFileSystem(ResultStore.configuration(hadoop));
        long size = fs.getFileStatus(p).getLen();
        return new RangeReader(location, fs.open(p), size);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer b, long position) throws IOException {
        if (position >= size) {
            return -1;
        }
        int n = in.read(position, b.array(), b.arrayOffset() + b.position(), b.remaining());
        if (n > 0) {
            b.position(b.position() + n);
        }
        return n;
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
