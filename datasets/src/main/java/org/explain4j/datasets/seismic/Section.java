package org.explain4j.datasets.seismic;

/**
 * A synthetic seismic section: amplitudes [traces][samples] in [-1,1] and per-pixel label masks (true where a
 * fault plane's band or a salt body lies), so that an explanation's mass can be measured against them.
 */
public record Section(float[][] amplitude, boolean[][] fault, boolean[][] salt) {

    public int traces() {
        return amplitude.length;
    }

    public int samples() {
        return amplitude[0].length;
    }
}
