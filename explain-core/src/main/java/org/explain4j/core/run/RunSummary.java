package org.explain4j.core.run;

import java.util.List;

/** How a run went: inputs explained, inputs skipped (each with its reason), and the wall time. */
public record RunSummary(int explained, List<String> skipped, double seconds) {
}
