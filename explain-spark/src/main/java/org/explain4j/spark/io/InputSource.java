package org.explain4j.spark.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.run.Source;

/**
 * An input read where it lies: a local file directly (so messages name it as bin/explain does), anything else through
 * Hadoop into the task's scratch folder first. A failure is an {@link InputException} whose message is also kept in
 * {@code errors} under the input's name, for the results table.
 */
public record InputSource(InputFile file, Function<Path, ModelInput> loader, Map<String, String> hadoop, Path scratch,
                          Map<String, String> errors) implements Source {
    @Override
    public String name() {
        return file.name();
    }

    @Override
    public ModelInput load() {
        try {
            if (file.local()) {
                return loader.apply(Path.of(file.location()));
            }
            Files.createDirectories(scratch);
            Path copy = scratch.resolve(Path.of(java.net.URI.create(file.location()).getPath()).getFileName().toString());
            try {
                Files.deleteIfExists(copy);
                InputListing.copyToLocal(file.location(), copy, ResultStore.configuration(hadoop));
                return loader.apply(copy);
            } catch (InputException e) {
                throw new InputException(e.getMessage().replace(copy.toString(), file.name()));
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (InputException e) {
            errors.put(file.name(), e.getMessage());
            throw e;
        } catch (IOException | java.io.UncheckedIOException e) {
            String message = file.name() + ": cannot read (" + e.getMessage() + ")";
            errors.put(file.name(), message);
            throw new InputException(message, e);
        }
    }
}
