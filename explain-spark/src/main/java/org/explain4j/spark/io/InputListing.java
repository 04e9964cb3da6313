package org.explain4j.spark.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.explain4j.core.run.ResultFolders;

/**
 * The inputs of a distributed run, listed once on the driver: sorted, each with its result folder
 * ({@link ResultFolders}, which needs the whole list to keep folders distinct). A local folder is walked exactly as
 * the single-machine folder run walks it, so both name and place every input alike; a Hadoop URI ({@code hdfs:},
 * {@code s3a:}, {@code file:}) or a glob is listed through Hadoop's file systems, folders recursively, and the
 * folders are relative to the deepest folder above the first wildcard.
 */
public final class InputListing {

    private InputListing() {
    }

    /** True for a plain local path: no URI scheme, no wildcard. */
    public static boolean isLocal(String location) {
        return scheme(location) == null && !hasGlob(location);
    }

    public static List<InputFile> list(String input, Configuration conf, Predicate<String> wanted, String outDir) throws IOException {
        return isLocal(input) ? local(Path.of(input), wanted, outDir) : hadoop(input, conf, wanted);
    }

    private static List<InputFile> local(Path in, Predicate<String> wanted, String outDir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(in)) {
            files = walk.filter(Files::isRegularFile).filter(f -> wanted.test(f.getFileName().toString())).sorted().toList();
        }
        if (isLocal(outDir)) {
            files = ResultFolders.outside(Path.of(outDir), files);
        }
        Map<Path, Path> folders = ResultFolders.assign(in, Path.of(""), files);
        List<InputFile> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.add(new InputFile(f.toString(), true, f.toString(), folders.get(f).toString()));
        }
        return inputs;
    }

    private static List<InputFile> hadoop(String input, Configuration conf, Predicate<String> wanted) throws IOException {
        org.apache.hadoop.fs.Path pattern = new org.apache.hadoop.fs.Path(input);
        FileSystem fs = pattern.getFileSystem(conf);
        FileStatus[] matched = fs.globStatus(pattern);
        List<String> uris = new ArrayList<>();
        for (FileStatus s : matched == null ? new FileStatus[0] : matched) {
            if (s.isDirectory()) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(s.getPath(), true);
                while (it.hasNext()) {
                    add(it.next(), wanted, uris);
                }
            } else {
                add(s, wanted, uris);
            }
        }
        uris = uris.stream().distinct().sorted().toList();
        if (uris.isEmpty()) {
            return List.of();
        }
        Path root = Path.of(fs.makeQualified(root(pattern, fs)).toUri().getPath());
        List<Path> paths = uris.stream().map(u -> Path.of(URI.create(u).getPath())).toList();
        Map<Path, Path> folders = ResultFolders.assign(root, Path.of(""), paths);
        List<InputFile> inputs = new ArrayList<>();
        for (int i = 0; i < uris.size(); i++) {
            inputs.add(new InputFile(uris.get(i), false, uris.get(i), folders.get(paths.get(i)).toString()));
        }
        return inputs;
    }

    private static void add(FileStatus s, Predicate<String> wanted, List<String> uris) {
        if (s.isFile() && wanted.test(s.getPath().getName())) {
            uris.add(s.getPath().toUri().toString());
        }
    }

    /** The folder the result folders are relative to: a plain folder itself, else the deepest one above the first wildcard. */
    private static org.apache.hadoop.fs.Path root(org.apache.hadoop.fs.Path pattern, FileSystem fs) throws IOException {
        if (!hasGlob(pattern.toUri().getPath())) {
            return fs.getFileStatus(pattern).isDirectory() || pattern.getParent() == null ? pattern : pattern.getParent();
        }
        org.apache.hadoop.fs.Path p = pattern;
        while (p.getParent() != null && hasGlob(p.toUri().getPath())) {
            p = p.getParent();
        }
        return p;
    }

    static boolean hasGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static String scheme(String location) {
        int colon = location.indexOf(':');
        // "C:" is no scheme; a scheme is two or more letters before the colon
        return colon > 1 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*") ? location.substring(0, colon) : null;
    }

    /** Reads a location's bytes into {@code target} (Hadoop's file systems). */
    public static void copyToLocal(String location, Path target, Configuration conf) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(location);
        try (var in = p.getFileSystem(conf).open(p)) {
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
