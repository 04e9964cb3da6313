package org.explain4j.spark.io;

import java.io.Serializable;

/**
 * One input of a distributed run: where it is ({@code location}, a local path or a Hadoop URI), the name its report gives
 * it (as bin/explain would: the path as walked from --input, or the full URI) and its result folder relative to --out.
 */
public record InputFile(String location, boolean local, String name, String folder) implements Serializable {
}
