package org.explain4j.core.model.onednn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

/** A compiled pass: oneDNN primitives with their arguments, run in order; everything created here is {@code owned}. */
final class Steps {

    private record Step(primitive p, IntMemoryMap args) {
    }

    private final Owned owned;
    private final engine eng;
    private final List<Step> steps = new ArrayList<>();

    Steps(Owned owned, engine eng) {
        this.owned = owned;
        this.eng = eng;
    }

    void add(primitive p, Map<Integer, memory> args) {
        IntMemoryMap m = owned.add(new IntMemoryMap());
        args.forEach(m::put);
        steps.add(new Step(owned.add(p), m));
    }

    /** {@code m} in the layout {@code want}: itself, or a copy made by a reorder step. */
    memory like(memory m, memory.desc want) {
        if (m.get_desc().equals(want)) {
            return m;
        }
        memory r = owned.add(new memory(want, eng));
        add(new reorder(m, r), Map.of(DNNL_ARG_FROM, m, DNNL_ARG_TO, r));
        return r;
    }

    /** A step copying {@code from} into {@code to} (a reorder between their layouts); none where they are one memory. */
    void copy(memory from, memory to) {
        if (from != to) {
            add(new reorder(from, to), Map.of(DNNL_ARG_FROM, from, DNNL_ARG_TO, to));
        }
    }

    /** Runs every step and waits for them. */
    void run(stream s) {
        for (Step step : steps) {
            step.p().execute(s, step.args());
        }
        s._wait();
    }
}
