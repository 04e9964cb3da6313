package org.explain4j.core.question;

/**
 * Questions about a regressor with score s. Each becomes weights (u, v, t) and the loss
 * {@code u * s + v * (s - t)^2}; since dL/dA = 2 (s - t) ds/dA, a target above the score shows what
 * keeps the score down (docs/METHODS.md §1, image quality).
 */
public sealed interface ScoreQuestion extends Question {

    float u();

    float v();

    float target();

    /** "Why s?": the gradient of the score itself. */
    record WhyScore() implements ScoreQuestion {
        @Override
        public float u() {
            return 1;
        }

        @Override
        public float v() {
            return 0;
        }

        @Override
        public float target() {
            return 0;
        }

        @Override
        public Facts facts() {
            return new Facts("why-score", null, null, null);
        }

        @Override
        public String slug() {
            return "why-score";
        }

        @Override
        public String caption(LabelNames l) {
            return "Why this score?";
        }
    }

    /**
     * "Why s, rather than t?": the gradient of (s - t)^2. {@code asWritten} keeps the target's text as
     * the user gave it, for the slug ({@code why-score-rather-0.25}).
     */
    record WhyScoreRather(float target, String asWritten) implements ScoreQuestion {
        public WhyScoreRather {
            if (!Float.isFinite(target)) {
                throw new IllegalArgumentException("target score must be a finite number");
            }
            if (asWritten == null || asWritten.isBlank()) {
                asWritten = Float.toString(target);
            }
        }

        public WhyScoreRather(float target) {
            this(target, null);
        }

        @Override
        public float u() {
            return 0;
        }

        @Override
        public float v() {
            return 1;
        }

        @Override
        public Facts facts() {
            return new Facts("why-score-rather", null, null, (double) target);
        }

        @Override
        public String slug() {
            return "why-score-rather-" + asWritten;
        }

        @Override
        public String caption(LabelNames l) {
            return "Why this score, rather than " + asWritten + "?";
        }
    }
}
