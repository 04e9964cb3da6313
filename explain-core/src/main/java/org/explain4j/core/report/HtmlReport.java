package org.explain4j.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.io.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One self-contained {@code report.html} for a run: each input (inlined as a PNG) with its prediction and the map of
 * every question, switchable between methods and questions, with the signed raw value under the pointer (from a grid
 * of at most {@value Grid#SIDE} x {@value Grid#SIDE} cells of the raw map). The maps are the run's own overlay PNGs,
 * referenced beside the report, so the page needs no server and no network; the data travel as JSON inside it, the
 * page (a template in the jar) builds itself from them.
 */
public final class HtmlReport {

    public static final String FILE = "report.html";
    /** Inlined input pictures are at most this wide or high (the maps beside the report keep their own size). */
    public static final int INLINE_SIDE = 224;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One input: its name, what the model said, the input picture (a data URI) and its maps. */
    public record Item(String title, String prediction, String inputImage, List<Panel> panels) {
    }

    /** One map: the method, the question, the overlay file relative to the report, the raw values' grid (may be null). */
    public record Panel(String method, String question, String image, Grid values) {
    }

    /** A raw map reduced to at most SIDE x SIDE cells by block means, row-major, with its range. */
    public record Grid(int rows, int cols, float[] values, double min, double max) {

        static final int SIDE = 48;

        /** [h, w] (CAM methods) as it is, [C, H, W] (input maps) summed over channels; block means beyond SIDE. */
        public static Grid of(INDArray raw) {
            INDArray m = raw.rank() == 3 ? raw.sum(0) : raw;
            if (m.rank() != 2) {
                return null;
            }
            int h = (int) m.size(0);
            int w = (int) m.size(1);
            int rows = Math.min(h, SIDE);
            int cols = Math.min(w, SIDE);
            float[] src = m.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            float[] out = new float[rows * cols];
            int[] count = new int[rows * cols];
            for (int y = 0; y < h; y++) {
                int r = (int) ((long) y * rows / h);
                for (int x = 0; x < w; x++) {
                    int c = (int) ((long) x * cols / w);
                    out[r * cols + c] += src[y * w + x];
                    count[r * cols + c]++;
                }
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < out.length; i++) {
                out[i] /= Math.max(1, count[i]);
                min = Math.min(min, out[i]);
                max = Math.max(max, out[i]);
            }
            return new Grid(rows, cols, out, min, max);
        }
    }

    private final String title;
    private final StringBuilder pending = new StringBuilder();
    private Path spill;
    private int size;

    public HtmlReport(String title) {
        this.title = title;
    }

    /**
     * Adds one input. Items go to a temporary file as JSON as they come (a folder run of 10,000 images keeps no
     * pictures in memory); {@link #write} assembles the page.
     */
    public HtmlReport add(Item item) {
        try {
            if (size > 0) {
                pending.append(',');
            }
            pending.append(JSON.writeValueAsString(item).replace("</", "<\\/"));
            size++;
            if (pending.length() > 1 << 20) {
                flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the HTML report's items: " + e.getMessage(), e);
        }
        return this;
    }

    private void flush() throws IOException {
        if (spill == null) {
            spill = Files.createTempFile("explain4j-report", ".json");
            spill.toFile().deleteOnExit();
        }
        Files.writeString(spill, pending, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        pending.setLength(0);
    }

    /**
     * The item for one input written by {@link ReportWriter}: {@code folder} is where its files lie relative to the
     * report ("" when beside it), {@code answers} the explanations in the report's order (for their raw values).
     */
    public HtmlReport add(ExplanationReport report, String folder, BufferedImage display, List<Explanation> answers) {
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < report.explanations().size(); i++) {
            ExplanationReport.Answer a = report.explanations().get(i);
            String method = a.method() != null ? a.method() : report.method();
            Grid grid = i < answers.size() ? Grid.of(answers.get(i).raw()) : null;
            panels.add(new Panel(method, a.question(), folder + a.files().overlay(), grid));
        }
        return add(new Item(report.input(), describe(report.prediction()), dataUri(display), panels));
    }

    /** "8 (p = 0.996)" for a classifier, "score 0.58" for a regressor. */
    public static String describe(ExplanationReport.Prediction p) {
        if (p == null) {
            return "";
        }
        if (p.score() != null) {
            return String.format(java.util.Locale.ROOT, "score %.4f", p.score());
        }
        return String.format(java.util.Locale.ROOT, "%s (class %d, p = %.4f)", p.label(), p.classIndex(), p.probability());
    }

    /** The picture as a PNG data URI, scaled down to at most {@value #INLINE_SIDE} pixels a side. */
    public static String dataUri(BufferedImage image) {
        if (image == null) {
            return null;
        }
        int longest = Math.max(image.getWidth(), image.getHeight());
        BufferedImage small = longest <= INLINE_SIDE ? image
                : org.explain4j.core.render.Images.resize(image, Math.max(1, image.getWidth() * INLINE_SIDE / longest),
                Math.max(1, image.getHeight() * INLINE_SIDE / longest));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(small, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    public int size() {
        return size;
    }

    /** Writes the page (atomically) to {@code file}. */
    public void write(Path file) throws IOException {
        String[] around = template().replace("<!--TITLE-->", escape(title)).split("/\\*DATA\\*/null", 2);
        String head = "{\"title\":" + JSON.writeValueAsString(title).replace("</", "<\\/") + ",\"items\":[";
        AtomicFiles.write(file, tmp -> {
            try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(around[0]);
                w.write(head);
                if (spill != null) {
                    try (java.io.Reader r = Files.newBufferedReader(spill, StandardCharsets.UTF_8)) {
                        r.transferTo(w);
                    }
                }
                w.write(pending.toString());
                w.write("]}");
                w.write(around[1]);
            }
        });
        if (spill != null) {
            Files.deleteIfExists(spill);
        }
    }

    private static String template() throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report-template.html")) {
            if (in == null) {
                throw new IOException("report-template.html is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
