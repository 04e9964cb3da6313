package org.explain4j.iqa.explain;

/**
 * What "Why s, rather than t?" differentiates over a whole image (docs/RESULTS.md, "Two contrasts").
 *
 * <p>{@link #WINDOW} is the paper's and the talk's: every window's own score y_i is contrasted with t,
 * L = sum_i a_i (y_i - t)^2, so window i's map is 2 a_i (y_i - t) M_i with M_i its "Why y_i?" Grad-CAM map:
 * windows that score above t show what merits more than t, windows below t show what prevents t, and every t
 * gives another picture. The weight a_i of a weighted (Wa-) model is held constant (1 for DIQaM): it says how
 * much the network lets window i count towards the image score, so a window it ignores says little; letting the
 * gradient flow through a_i would mix "why this window matters" into "why this window's quality". Each window's
 * map is passed through ReLU at the layer's resolution, upsampled and pasted, as the reference code does.
 * {@link #WINDOW_SIGNED} pastes the same window maps signed and leaves ReLU to the picture.
 *
 * <p>{@link #IMAGE} contrasts the image's score s = sum a_i y_i / sum a_i: L = (s - t)^2, whose gradient is
 * 2 (s - t) dS: every contrast map is the "Why s?" map times 2 (s - t) / n, the same picture for every t below s
 * and its negative part for every t above.
 */
public enum Contrast {
    WINDOW("window", "relu"), WINDOW_SIGNED("window", "signed"), IMAGE("image", null);

    private final String mode;
    private final String paste;

    Contrast(String mode, String paste) {
        this.mode = mode;
        this.paste = paste;
    }

    /** {@code --contrast window|image} and {@code --paste relu|signed} (window only); null means the default. */
    public static Contrast of(String mode, String paste) {
        String m = mode == null ? "window" : mode;
        String p = paste == null ? "relu" : paste;
        for (Contrast c : values()) {
            if (c.mode.equals(m) && (c.paste == null || c.paste.equals(p))) {
                if (c.paste == null && paste != null) {
                    throw new IllegalArgumentException("--paste applies to --contrast window only");
                }
                return c;
            }
        }
        throw new IllegalArgumentException("--contrast " + m + (paste != null ? " --paste " + p : "")
                + ": expected --contrast window (with --paste relu or signed) or --contrast image");
    }

    public boolean perWindow() {
        return this != IMAGE;
    }

    public String label() {
        return paste == null ? mode : mode + "/" + paste;
    }
}
