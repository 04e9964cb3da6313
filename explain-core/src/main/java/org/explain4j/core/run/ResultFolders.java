package org.explain4j.core.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * The result folder of each input of a folder run, distinct for every input: {@code photos/a.png} goes to
 * {@code OUT/photos/a/}; when inputs differ only by extension or by case ({@code a.png}, {@code a.PNG},
 * {@code a.npy}) each keeps its extension ({@code OUT/a.png/}, {@code OUT/a.PNG/}, {@code OUT/a.npy/}), and
 * names still equal without regard to case (which a case-insensitive disk would merge) get {@code ~2},
 * {@code ~3}... in sorted order. The same set of inputs always gets the same folders, so reruns find their results,
 * and a distributed run (explain-spark) writes the same folders as bin/explain.
 */
public final class ResultFolders {

    private ResultFolders() {
    }

    public static Map<Path, Path> assign(Path inputRoot, Path outDir, List<Path> sortedFiles) {
        Map<String, Integer> stems = new HashMap<>();
        for (Path f : sortedFiles) {
            stems.merge(key(stem(relative(inputRoot, f))), 1, Integer::sum);
        }
        Map<Path, Path> folders = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (Path f : sortedFiles) {
            String rel = relative(inputRoot, f);
            String name = stems.get(key(stem(rel))) > 1 ? rel : stem(rel);
            String unique = name;
            for (int n = 2; !taken.add(key(unique)); n++) {
                unique = name + "~" + n;
            }
            folders.put(f, outDir.resolve(unique));
        }
        return folders;
    }

    private static String relative(Path root, Path f) {
        return root.relativize(f).toString();
    }

    private static String stem(String rel) {
        return rel.replaceFirst("\\.[^./]*$", "");
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Files of the walk that do not lie inside {@code outDir}: a run never explains its own overlays. */
    public static List<Path> outside(Path outDir, List<Path> files) {
        Path out = outDir.toAbsolutePath().normalize();
        List<Path> kept = new ArrayList<>();
        for (Path f : files) {
            if (!f.toAbsolutePath().normalize().startsWith(out)) {
                kept.add(f);
            }
        }
        return kept;
    }
}
