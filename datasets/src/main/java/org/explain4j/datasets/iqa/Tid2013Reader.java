package org.explain4j.datasets.iqa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.explain4j.datasets.DatasetException;

/**
 * TID2013's layout: {@code mos_with_names.txt} ("MOS filename" per line),
 * {@code distorted_images/iNN_DD_L.bmp} and {@code reference_images/INN.BMP} (25 references, 24
 * distortions, 5 levels). File names are matched case-insensitively, as the published archive mixes cases.
 */
public final class Tid2013Reader {

    private static final Pattern NAME = Pattern.compile("i(\\d{2})_(\\d{2})_(\\d)\\.bmp", Pattern.CASE_INSENSITIVE);

    private Tid2013Reader() {
    }

    public static List<QualitySample> read(Path root) {
        Path scores = root.resolve("mos_with_names.txt");
        if (!Files.isRegularFile(scores)) {
            throw new DatasetException("no mos_with_names.txt in " + root + " (the TID2013 folder holds it beside distorted_images/)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(scores);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + scores + ": " + e.getMessage(), e);
        }
        List<QualitySample> out = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            Matcher m = parts.length == 2 ? NAME.matcher(parts[1]) : null;
            if (m == null || !m.matches()) {
                throw new DatasetException(scores + " line " + (n + 1) + ": expected \"MOS iNN_DD_L.bmp\", got \"" + line + "\"");
            }
            double mos;
            try {
                mos = Double.parseDouble(parts[0]);
                if (!Double.isFinite(mos)) {
                    throw new NumberFormatException("not finite"); // "NaN" and "Infinity" parse, but are no score
                }
            } catch (NumberFormatException e) {
                throw new DatasetException(scores + " line " + (n + 1) + ": \"" + parts[0] + "\" is not a score");
            }
            int ref = Integer.parseInt(m.group(1));
            Path distorted = find(root.resolve("distorted_images"), parts[1]);
            Path reference = find(root.resolve("reference_images"), String.format(Locale.ROOT, "I%02d.BMP", ref));
            out.add(new QualitySample(distorted, reference, mos, ref, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        if (out.isEmpty()) {
            throw new DatasetException(scores + " lists no image");
        }
        return out;
    }

    /** The file of that name in {@code dir}, whatever the case of its letters. */
    static Path find(Path dir, String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.indexOf('\0') >= 0 || name.equals("..")) {
            throw new DatasetException("'" + name.replace('\0', '?') + "' is not an image file name (in " + dir + ")");
        }
        Path exact = dir.resolve(name);
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new DatasetException("missing image " + dir.resolve(name)));
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
