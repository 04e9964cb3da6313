package org.explain4j.iqa.evidence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.explain4j.datasets.DatasetException;

/** Where an image was distorted: a square of {@code side} pixels at ({@code x}, {@code y}), one row of {@code regions.csv}. */
public record DistortedRegion(String image, int x, int y, int side) {

    /** The rows of a {@code regions.csv} as the synthetic generator writes it ({@code dist_img,x,y,side}). */
    public static List<DistortedRegion> read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new DatasetException("no " + csv.getFileName() + " in " + csv.getParent()
                    + " (bin/explain iqa generate writes one beside the images)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DatasetException(csv + " is not a text file (not UTF-8)", e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals("dist_img,x,y,side")) {
            throw new DatasetException(csv + ": expected the header dist_img,x,y,side");
        }
        List<DistortedRegion> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                if (f.length != 4) {
                    throw new NumberFormatException();
                }
                out.add(new DistortedRegion(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
            } catch (NumberFormatException e) {
                throw new DatasetException(csv + " line " + (i + 1) + ": expected NAME,X,Y,SIDE, got '" + line + "'");
            }
        }
        return out;
    }
}
