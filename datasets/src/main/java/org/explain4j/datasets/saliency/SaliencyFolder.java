package org.explain4j.datasets.saliency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.datasets.DatasetException;

/**
 * An eye-tracking data set on disk, in one of the layouts the public sets ship in (files are paired by name):
 * <ul>
 * <li>MIT1003: {@code ALLSTIMULI/NAME.jpeg}, {@code ALLFIXATIONMAPS/NAME_fixPts.jpg} (binary) and
 * {@code NAME_fixMap.jpg} (density);</li>
 * <li>CAT2000: {@code Stimuli/CATEGORY/NAME.jpg}, {@code FIXATIONMAPS/CATEGORY/NAME.jpg} (density) and
 * {@code FIXATIONLOCS/CATEGORY/NAME.mat} (binary matrix); samples are named {@code CATEGORY/NAME};</li>
 * <li>SALICON: {@code images/[SPLIT/]NAME.jpg}, {@code maps/[SPLIT/]NAME.png} (density) and a fixation list
 * {@code fixations_*.json} (the 2015 release: {@code images} with {@code id}, {@code file_name}, and
 * {@code annotations} with {@code image_id} and 1-based {@code fixations} [row, column]), pooled over observers;</li>
 * <li>this project's own ({@code recognition saliency --write-composites}): {@code stimuli/NAME.png},
 * {@code fixations/NAME.png} (binary) and {@code density/NAME.png}.</li>
 * </ul>
 * A stimulus without fixations is left out and counted in {@link Listing#unpaired()}.
 */
public final class SaliencyFolder {

    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif");

    /** The samples found and how many stimuli had no fixations. */
    public record Listing(String layout, List<FixationEntry> entries, int unpaired) {
    }

    private SaliencyFolder() {
    }

    public static Listing list(Path root, PixelLimit limit) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("eye-tracking folder not found: " + root);
        }
        Listing listing;
        if (Files.isDirectory(root.resolve("ALLSTIMULI"))) {
            listing = mit1003(root, limit);
        } else if (Files.isDirectory(root.resolve("Stimuli"))) {
            listing = cat2000(root);
        } else if (Files.isDirectory(root.resolve("images"))) {
            listing = salicon(root);
        } else if (Files.isDirectory(root.resolve("stimuli"))) {
            listing = plain(root, limit);
        } else {
            throw new DatasetException(root + " has none of the layouts read here: ALLSTIMULI/ (MIT1003), Stimuli/ (CAT2000), "
                    + "images/ (SALICON) or stimuli/ + fixations/");
        }
        if (listing.entries().isEmpty()) {
            throw new DatasetException(root + " (" + listing.layout() + " layout) has no stimulus with fixations");
        }
        return listing;
    }

    private static Listing mit1003(Path root, PixelLimit limit) {
        Path maps = require(root, "ALLFIXATIONMAPS");
        Map<String, Path> fixPts = byStem(maps, "_fixPts");
        Map<String, Path> fixMap = byStem(maps, "_fixMap");
        return pair("MIT1003", images(root.resolve("ALLSTIMULI")), stem -> Optional.ofNullable(fixPts.get(stem))
                .map(p -> new FixationEntry.BinaryImage(p, limit)), fixMap);
    }

    private static Listing cat2000(Path root) {
        Path locs = require(root, "FIXATIONLOCS");
        Path dens = root.resolve("FIXATIONMAPS");
        Map<String, Path> stimuli = new TreeMap<>();
        Map<String, Path> mats = new HashMap<>();
        Map<String, Path> densities = new HashMap<>();
        for (Path category : subfolders(root.resolve("Stimuli"))) {
            String c = category.getFileName().toString();
            images(category).forEach((stem, p) -> stimuli.put(c + "/" + stem, p));
            Path l = locs.resolve(c);
            if (Files.isDirectory(l)) {
                files(l).stream().filter(p -> lower(p).endsWith(".mat")).forEach(p -> mats.put(c + "/" + stem(p), p));
            }
            if (Files.isDirectory(dens.resolve(c))) {
                images(dens.resolve(c)).forEach((stem, p) -> densities.put(c + "/" + stem, p));
            }
        }
        return pair("CAT2000", stimuli, stem -> Optional.ofNullable(mats.get(stem)).map(FixationEntry.MatMatrix::new), densities);
    }

    private static Listing salicon(Path root) {
        Map<String, Path> stimuli = recursiveImages(root.resolve("images"));
        Map<String, Path> densities = Files.isDirectory(root.resolve("maps")) ? recursiveImages(root.resolve("maps")) : Map.of();
        Map<String, List<int[]>> points = new HashMap<>();
        List<Path> lists = files(root).stream().filter(p -> lower(p).startsWith("fixations") && lower(p).endsWith(".json")).toList();
        if (lists.isEmpty()) {
            throw new DatasetException(root + ": a SALICON folder needs its fixation list fixations_*.json beside images/");
        }
        for (Path json : lists) {
            readSaliconList(json, points);
        }
        return pair("SALICON", stimuli, stem -> Optional.ofNullable(points.get(stem))
                .map(l -> new FixationEntry.Points(l.toArray(new int[0][]))), densities);
    }

    private static void readSaliconList(Path json, Map<String, List<int[]>> points) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new DatasetException(json + " is not JSON: " + e.getMessage(), e);
        }
        JsonNode images = root.path("images");
        JsonNode annotations = root.path("annotations");
        if (!images.isArray() || !annotations.isArray()) {
            throw new DatasetException(json + ": a SALICON fixation list has 'images' and 'annotations' arrays");
        }
        Map<Long, String> names = new HashMap<>();
        for (JsonNode i : images) {
            names.put(i.path("id").asLong(), stem(Path.of(i.path("file_name").asText())));
        }
        for (JsonNode a : annotations) {
            String name = names.get(a.path("image_id").asLong());
            if (name == null) {
                throw new DatasetException(json + ": an annotation names image_id " + a.path("image_id") + ", which 'images' lacks");
            }
            for (JsonNode f : a.path("fixations")) {
                if (!f.isArray() || f.size() != 2 || !f.get(0).isNumber() || !f.get(1).isNumber()) {
                    throw new DatasetException(json + ": fixations are [row, column] pairs, got " + f);
                }
                points.computeIfAbsent(name, k -> new ArrayList<>()).add(new int[] {f.get(0).asInt() - 1, f.get(1).asInt() - 1});
            }
        }
    }

    private static Listing plain(Path root, PixelLimit limit) {
        Map<String, Path> fix = images(require(root, "fixations"));
        Map<String, Path> dens = Files.isDirectory(root.resolve("density")) ? images(root.resolve("density")) : Map.of();
        return pair("plain", images(root.resolve("stimuli")), stem -> Optional.ofNullable(fix.get(stem))
                .map(p -> new FixationEntry.BinaryImage(p, limit)), dens);
    }

    private interface FixationSource {
        Optional<? extends FixationEntry.Fixations> of(String stem);
    }

    private static Listing pair(String layout, Map<String, Path> stimuli, FixationSource fixations, Map<String, Path> densities) {
        List<FixationEntry> entries = new ArrayList<>();
        int unpaired = 0;
        for (Map.Entry<String, Path> s : new TreeMap<>(stimuli).entrySet()) {
            Optional<? extends FixationEntry.Fixations> f = fixations.of(s.getKey());
            if (f.isEmpty()) {
                unpaired++;
                continue;
            }
            entries.add(new FixationEntry(s.getKey(), s.getValue(), f.get(), densities.get(s.getKey())));
        }
        return new Listing(layout, entries, unpaired);
    }

    private static Path require(Path root, String name) {
        Path p = root.resolve(name);
        if (!Files.isDirectory(p)) {
            throw new DatasetException(root + " has no " + name + "/ folder");
        }
        return p;
    }

    /** Images directly in {@code dir}, by name without extension. */
    private static Map<String, Path> images(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        for (Path p : files(dir)) {
            if (IMAGE_EXTENSIONS.stream().anyMatch(lower(p)::endsWith)) {
                out.put(stem(p), p);
            }
        }
        return out;
    }

    /** Images anywhere below {@code dir} (SALICON's train/ and val/), by name without extension. */
    private static Map<String, Path> recursiveImages(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(p -> IMAGE_EXTENSIONS.stream().anyMatch(lower(p)::endsWith))
                    .forEach(p -> out.put(stem(p), p));
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Files of {@code dir} whose stem ends in {@code suffix}, by the stem without it. */
    private static Map<String, Path> byStem(Path dir, String suffix) {
        Map<String, Path> out = new HashMap<>();
        images(dir).forEach((stem, p) -> {
            if (stem.endsWith(suffix)) {
                out.put(stem.substring(0, stem.length() - suffix.length()), p);
            }
        });
        return out;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private static String lower(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
