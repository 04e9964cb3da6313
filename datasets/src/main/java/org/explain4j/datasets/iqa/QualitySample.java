package org.explain4j.datasets.iqa;

import java.nio.file.Path;

/**
 * One distorted image of a quality data set: its file, its reference's file, the subjective score
 * as published ({@code mos}: TID2013 MOS 0..9, KADID-10k DMOS 1..5, higher is better in both), the
 * reference number, the distortion type and its level (both from 1).
 */
public record QualitySample(Path distorted, Path reference, double mos, int referenceId, int distortion, int level) {
}
