package org.explain4j.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** A model shipped inside a jar ({@code name.fb} and {@code name.card.json} side by side), loaded from a temporary copy: SameDiff reads files. */
public final class ShippedModel {

    private ShippedModel() {
    }

    /** {@code resource}: the absolute resource path of the {@code .fb} file, found through {@code anchor}'s class loader. */
    public static ExplainableModel load(Class<?> anchor, String resource) throws IOException {
        return ExplainableModel.load(extract(anchor, resource), null);
    }

    /**
     * The shipped {@code .fb} and its card copied into a temporary folder (removed when the JVM exits): a file to hand
     * on, as a distributed job ships its model file to the executors. Returns the {@code .fb}'s path.
     */
    public static Path extract(Class<?> anchor, String resource) throws IOException {
        if (!resource.endsWith(".fb")) {
            throw new IllegalArgumentException("a shipped model is a .fb resource, got " + resource);
        }
        String stem = resource.substring(resource.lastIndexOf('/') + 1, resource.length() - ".fb".length());
        Path dir = Files.createTempDirectory("explain4j-" + stem);
        dir.toFile().deleteOnExit();
        for (String suffix : List.of(".fb", ".card.json")) {
            String part = resource.substring(0, resource.length() - ".fb".length()) + suffix;
            try (InputStream in = anchor.getResourceAsStream(part)) {
                if (in == null) {
                    throw new IOException("the shipped model " + part + " is missing from the build");
                }
                Path target = dir.resolve(stem + suffix);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
            }
        }
        return dir.resolve(stem + ".fb");
    }
}
