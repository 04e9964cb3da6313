package org.explain4j.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files an earlier run wrote into a folder, as its {@code explanations.json} lists them (each answer's
 * raw map, map and overlay (and the quality maps' signed paste), whether nested under "files" as the core writes them or flat as the quality maps
 * do), plus the report itself: what a rerun into the same folder replaces.
 */
public final class PreviousReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FILE_FIELDS = List.of("raw", "map", "overlay", "signed");

    private PreviousReport() {
    }

    public static Set<String> files(Path dir) {
        Path report = dir.resolve(ReportWriter.REPORT);
        Set<String> names = new LinkedHashSet<>();
        if (!Files.isRegularFile(report)) {
            return names;
        }
        JsonNode root;
        try {
            root = JSON.readTree(report.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.add(ReportWriter.REPORT);
        for (JsonNode answer : root.path("explanations")) {
            JsonNode files = answer.has("files") ? answer.get("files") : answer;
            for (String field : FILE_FIELDS) {
                if (files.path(field).isTextual()) {
                    names.add(files.get(field).asText());
                }
            }
        }
        return names;
    }
}
