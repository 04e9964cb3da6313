package org.explain4j.datasets.curetsr;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a CURE-TSR file name says: {@code seqType_signType_challType_level_index.bmp}, e.g.
 * {@code 01_09_04_3_0007.bmp} is a real sequence (01), sign no_left (09), darkening (04) at level 3.
 * Challenge type 00 means none, and then the level is 0.
 */
public record CureTsrName(int sequenceType, int signType, int challengeType, int level, int index) {

    /** The 14 sign types, in order of their numbers 01..14. */
    public static final List<String> SIGNS = List.of("speed_limit", "goods_vehicles", "no_overtaking", "no_stopping",
            "no_parking", "stop", "bicycle", "hump", "no_left", "no_right", "priority_to", "no_entry", "yield", "parking");

    /** The 12 challenge types, numbers 01..12 (00 is "no challenge"). */
    public static final List<String> CHALLENGES = List.of("decolorization", "lens_blur", "codec_error", "darkening",
            "dirty_lens", "exposure", "gaussian_blur", "noise", "rain", "shadow", "snow", "haze");

    private static final Pattern NAME = Pattern.compile("(\\d{2})_(\\d{2})_(\\d{2})_(\\d{1,2})_(\\d+)\\.(bmp|png|jpg|jpeg)",
            Pattern.CASE_INSENSITIVE);

    public CureTsrName {
        if (sequenceType < 1 || sequenceType > 2) {
            throw new IllegalArgumentException("sequence type must be 01 (real) or 02 (unreal), got " + sequenceType);
        }
        if (signType < 1 || signType > SIGNS.size()) {
            throw new IllegalArgumentException("sign type must be 01..14, got " + signType);
        }
        if (challengeType < 0 || challengeType > CHALLENGES.size()) {
            throw new IllegalArgumentException("challenge type must be 00..12, got " + challengeType);
        }
        if (challengeType == 0 ? level != 0 : level < 1 || level > 5) {
            throw new IllegalArgumentException("level must be 0 without a challenge and 1..5 with one, got " + level);
        }
    }

    /** The name parsed, or empty when the file does not follow the convention. */
    public static Optional<CureTsrName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CureTsrName(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The file name this record stands for, with the given extension ("bmp"). */
    public String fileName(String extension) {
        return String.format(Locale.ROOT, "%02d_%02d_%02d_%02d_%04d.%s", sequenceType, signType, challengeType, level, index, extension);
    }

    /** The class index, 0..13. */
    public int classIndex() {
        return signType - 1;
    }

    public String sign() {
        return SIGNS.get(signType - 1);
    }

    /** "none" or the challenge's name. */
    public String challenge() {
        return challengeType == 0 ? "none" : CHALLENGES.get(challengeType - 1);
    }

    public boolean isReal() {
        return sequenceType == 1;
    }
}
