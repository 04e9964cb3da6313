/**
 * Saliency as eye-tracking benchmarks judge it: implicit saliency from a recogniser's expectation
 * ({@code implicit}), the MIT/Tuebingen benchmark's metrics ({@code metrics}) and the baselines a saliency
 * model must beat ({@code baseline}). docs/SALIENCY.md has the definitions.
 */
package org.explain4j.core.saliency;
