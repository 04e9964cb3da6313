package org.explain4j.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.explain4j.spark.io.InputFile;
import org.junit.jupiter.api.Test;

class ExplainImagesJobTest {

    private static List<InputFile> files(int n) {
        return IntStream.range(0, n).mapToObj(i -> new InputFile("f" + i, true, "f" + i, "f" + i)).toList();
    }

    @Test
    void partitionsHoldWholeBatchesInInputOrder() {
        for (int n : new int[]{1, 7, 16, 17, 100, 2000}) {
            for (int batch : new int[]{1, 4, 16}) {
                for (int partitions : new int[]{1, 3, 8, 1000}) {
                    List<List<InputFile>> chunks = ExplainImagesJob.chunks(files(n), batch, partitions);
                    List<InputFile> joined = new ArrayList<>();
                    chunks.forEach(joined::addAll);
                    assertEquals(files(n), joined, "every input once, in order");
                    for (int c = 0; c < chunks.size() - 1; c++) {
                        assertEquals(0, chunks.get(c).size() % batch, n + "/" + batch + "/" + partitions + ": chunk " + c);
                    }
                    assertTrue(chunks.size() <= Math.max(1, partitions), n + "/" + batch + "/" + partitions + ": " + chunks.size());
                }
            }
        }
    }
}
