package org.explain4j.core.model.onednn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * The native objects a plan created, freed together when the plan is dropped. Why not leave them to the garbage
 * collector: oneDNN allocates their buffers itself, so JavaCPP neither counts them nor collects to free them, and a
 * dropped VGG16 plan of ten rows holds gigabytes.
 */
final class Owned implements AutoCloseable {

    private final List<Pointer> pointers = new ArrayList<>();

    <T extends Pointer> T add(T p) {
        pointers.add(p);
        return p;
    }

    @Override
    public void close() {
        for (int i = pointers.size() - 1; i >= 0; i--) {
            pointers.get(i).close();
        }
        pointers.clear();
    }
}
