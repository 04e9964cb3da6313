package org.explain4j.core.imports.dl4j;

import java.util.function.Supplier;
import org.nd4j.autodiff.samediff.NameScope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds one layer's ops inside a SameDiff name scope of the layer's name, then gives its output the layer's own name.
 * Without the scope, a name SameDiff generates for an intermediate op of one layer ("pad", "add") could already be
 * taken when a later layer carries that name in DL4J.
 */
final class LayerScope {

    private LayerScope() {
    }

    static SDVariable named(SameDiff sd, String name, Supplier<SDVariable> ops) {
        SDVariable y;
        try (NameScope ignored = sd.withNameScope(name)) {
            y = ops.get();
        }
        sd.renameVariable(y.name(), name);
        return sd.getVariable(name);
    }
}
