package org.explain4j.core.question;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.explain4j.core.model.OutputKind;
import org.junit.jupiter.api.Test;

/** The loss classes against values worked out by hand. */
class LossesTest {

    // z = (0, ln 3): softmax = (1/4, 3/4), log-softmax = (ln 1/4, ln 3/4).
    private static final double[] Z = {0, Math.log(3)};

    @Test
    void classLossValues() {
        assertEquals(Math.log(3), ClassLoss.value(new ClassQuestion.WhyP(1), Z), 1e-15);
        assertEquals(-Math.log(0.25), ClassLoss.value(new ClassQuestion.WhyPRatherQ(1, 0), Z), 1e-15);
        assertEquals(-Math.log(0.75), ClassLoss.value(new ClassQuestion.WhyNotFullyP(1), Z), 1e-15);
        assertEquals(-Math.log(3), ClassLoss.value(new ClassQuestion.WhatIfNotP(1), Z), 1e-15);
        // A probability output is read as log p: the same numbers from (1/4, 3/4).
        assertEquals(-Math.log(0.25), Losses.value(new ClassQuestion.WhyPRatherQ(1, 0), new double[] {0.25, 0.75},
                OutputKind.PROBABILITIES).orElseThrow(), 1e-15);
    }

    @Test
    void classLossGradients() {
        double[] p = ClassLoss.softmax(Z);
        assertArrayEquals(new double[] {0.25, 0.75}, p, 1e-15);
        double[] g = new double[2];
        float[] u = new float[2];
        float[] v = new float[2];
        ClassLoss.gradient(new ClassQuestion.WhyPRatherQ(1, 0), p, u, v, g, 0);
        assertArrayEquals(new double[] {0.25 - 1, 0.75}, g, 1e-15);   // softmax - e_Q
        ClassLoss.gradient(new ClassQuestion.WhyP(1), p, u, v, g, 0);
        assertArrayEquals(new double[] {0, 1}, g, 0);                  // e_P
    }

    @Test
    void scoreLoss() {
        assertEquals(0.6, ScoreLoss.value(new ScoreQuestion.WhyScore(), 0.6), 0);
        assertEquals(0.35 * 0.35, ScoreLoss.value(new ScoreQuestion.WhyScoreRather(0.25f), 0.6), 1e-8);
        assertEquals(2 * (0.6 - 1.0), ScoreLoss.gradient(new ScoreQuestion.WhyScoreRather(1f), 0.6), 1e-8);
        assertEquals(1, ScoreLoss.gradient(new ScoreQuestion.WhyScore(), 0.6), 0);
    }
}
