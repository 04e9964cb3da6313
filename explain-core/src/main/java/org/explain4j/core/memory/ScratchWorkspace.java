package org.explain4j.core.memory;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A per-thread ND4J workspace for the intermediates of a repeated computation, sized by its first use and grown when
 * a later one needs more. Native arrays allocated fresh for every call touch new pages, and on the build machine those
 * page faults cost more than the arithmetic (VGG16's input gradient through the dense-head chain, GradCON's gradient
 * summaries; docs/BENCHMARKS.md). Arrays that must outlive the block are {@code detach()}ed before it closes.
 */
public final class ScratchWorkspace {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.1).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT).policySpill(SpillPolicy.REALLOCATE)
            .build();

    private ScratchWorkspace() {
    }

    /** Activates the calling thread's workspace {@code name}; close it (try-with-resources) to release its arrays. */
    public static MemoryWorkspace open(String name) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, name);
    }
}
