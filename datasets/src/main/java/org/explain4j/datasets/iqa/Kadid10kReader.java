package org.explain4j.datasets.iqa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.explain4j.datasets.DatasetException;

/**
 * KADID-10k's layout: {@code dmos.csv} (header {@code dist_img,ref_img,dmos,var}) beside
 * {@code images/} holding {@code INN.png} references and {@code INN_DD_LL.png} distorted images
 * (81 references, 25 distortions, 5 levels).
 */
public final class Kadid10kReader {

    private static final Pattern NAME = Pattern.compile("I(\\d{2})_(\\d{2})_(\\d{2})\\.png", Pattern.CASE_INSENSITIVE);

    private Kadid10kReader() {
    }

    public static List<QualitySample> read(Path root) {
        Path csv = root.resolve("dmos.csv");
        if (!Files.isRegularFile(csv)) {
            throw new DatasetException("no dmos.csv in " + root + " (the KADID-10k folder holds it beside images/)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + csv + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).replace(" ", "").startsWith("dist_img,ref_img,dmos")) {
            throw new DatasetException(csv + " does not start with the header dist_img,ref_img,dmos,var");
        }
        Path images = root.resolve("images");
        List<QualitySample> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            Matcher m = f.length >= 3 ? NAME.matcher(f[0].strip()) : null;
            if (m == null || !m.matches()) {
                throw new DatasetException(csv + " line " + (n + 1) + ": expected \"INN_DD_LL.png,INN.png,dmos,var\", got \"" + line + "\"");
            }
            double dmos;
            try {
                dmos = Double.parseDouble(f[2].strip());
                if (!Double.isFinite(dmos)) {
                    throw new NumberFormatException("not finite"); // "NaN" and "Infinity" parse, but are no score
                }
            } catch (NumberFormatException e) {
                throw new DatasetException(csv + " line " + (n + 1) + ": \"" + f[2] + "\" is not a score");
            }
            Path distorted = Tid2013Reader.find(images, f[0].strip());
            Path reference = Tid2013Reader.find(images, f[1].strip());
            out.add(new QualitySample(distorted, reference, dmos, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        }
        if (out.isEmpty()) {
            throw new DatasetException(csv + " lists no image");
        }
        return out;
    }
}
