package org.explain4j.core.imports.dl4j;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import org.explain4j.core.model.ModelLoadException;

/**
 * Reads a whole HDF5 file in pure Java (jhdf) before DL4J's Keras import hands it to the native HDF5 library: that
 * library dereferences what a damaged file says without checking, and a flipped byte in a B-tree or an object header
 * crashes the JVM (found by ReaderFuzzTest). Every group, dataset and attribute is read; what jhdf cannot read is
 * refused here, in one line.
 */
final class Hdf5Preflight {

    private Hdf5Preflight() {
    }

    static void check(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            visit(hdf);
        } catch (ModelLoadException e) {
            throw e;
        } catch (Exception | Error e) {
            // Errors too: a damaged length can ask for an impossible array (OutOfMemoryError) or recurse forever
            throw new ModelLoadException("cannot read " + file + " as a Keras model: the HDF5 file is damaged or truncated ("
                    + ModelLoadException.firstLine(e) + ")", e);
        }
    }

    private static void visit(Node node) {
        for (Attribute a : node.getAttributes().values()) {
            a.getData();
        }
        if (node instanceof Dataset d) {
            d.getData();
        } else if (node instanceof Group g && !node.isLink()) {
            for (Node child : g.getChildren().values()) {
                visit(child);
            }
        }
    }
}
