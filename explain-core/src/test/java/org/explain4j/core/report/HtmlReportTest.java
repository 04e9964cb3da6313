package org.explain4j.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class HtmlReportTest {

    @TempDir
    Path dir;

    /** The JSON the page is built from, as the browser reads it from its script element. */
    private static JsonNode data(String page) throws IOException {
        int start = page.indexOf("type=\"application/json\">") + "type=\"application/json\">".length();
        int end = page.indexOf("</script>", start);
        return new ObjectMapper().readTree(page.substring(start, end));
    }

    @Test
    void everyItemAndPanelTravelsInThePageAndNoTextClosesItsScript() throws IOException {
        HtmlReport report = new HtmlReport("title with </script><b>");
        for (int i = 0; i < 3; i++) {
            report.add(new HtmlReport.Item("in" + i + "</script>", "8 (p = 0.9)", HtmlReport.dataUri(new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB)),
                    List.of(new HtmlReport.Panel("gradcam", "Why 8?", "in" + i + "/why-8.png", null),
                            new HtmlReport.Panel("gradcam", "Why 8, rather than 3?", "in" + i + "/why-8-rather-3.png", null))));
        }
        Path file = dir.resolve(HtmlReport.FILE);
        report.write(file);
        String page = Files.readString(file);
        assertFalse(page.contains("/*DATA*/"), "the data replaced the placeholder");
        assertTrue(page.contains("<h1>title with &lt;/script&gt;&lt;b&gt;</h1>"), "the title is escaped in the page's HTML");
        assertEquals(2, page.split("</script>", -1).length - 1, "only the page's own two scripts close: no text ends one early");
        JsonNode d = data(page);
        assertEquals("title with </script><b>", d.get("title").asText());
        assertEquals(3, d.get("items").size());
        assertEquals("in2</script>", d.get("items").get(2).get("title").asText());
        assertEquals("in1/why-8-rather-3.png", d.get("items").get(1).get("panels").get(1).get("image").asText());
        assertTrue(d.get("items").get(0).get("inputImage").asText().startsWith("data:image/png;base64,"));
    }

    @Test
    void manyItemsSpillToDiskAndAllComeBack() throws IOException {
        HtmlReport report = new HtmlReport("many");
        String big = "x".repeat(5000);
        for (int i = 0; i < 400; i++) {
            report.add(new HtmlReport.Item("in" + i, big, null, List.of(new HtmlReport.Panel("m", "q", "p.png", null))));
        }
        Path file = dir.resolve(HtmlReport.FILE);
        report.write(file);
        JsonNode d = data(Files.readString(file));
        assertEquals(400, d.get("items").size());
        assertEquals("in399", d.get("items").get(399).get("title").asText());
    }

    @Test
    void gridKeepsSmallMapsAndAveragesBlocksOfLargeOnes() {
        HtmlReport.Grid small = HtmlReport.Grid.of(Nd4j.createFromArray(new float[][] {{1, -2}, {3, 4}}));
        assertEquals(2, small.rows());
        assertArrayEquals(new float[] {1, -2, 3, 4}, small.values());
        assertEquals(-2, small.min());
        // 96 x 96, value = row index: 2 x 2 blocks of rows r, r + 1 average to r + 0.5 on a 48 x 48 grid.
        float[][] rows = new float[96][96];
        for (int r = 0; r < 96; r++) {
            java.util.Arrays.fill(rows[r], r);
        }
        HtmlReport.Grid big = HtmlReport.Grid.of(Nd4j.createFromArray(rows));
        assertEquals(48, big.rows());
        assertEquals(48, big.cols());
        assertEquals(0.5f, big.values()[0], 1e-6f);
        assertEquals(94.5f, big.values()[47 * 48], 1e-6f);
        // [C, H, W] input maps are summed over channels first.
        HtmlReport.Grid chw = HtmlReport.Grid.of(Nd4j.ones(DataType.FLOAT, 3, 4, 5));
        assertEquals(3f, chw.values()[0], 1e-6f);
    }
}
