package org.explain4j.datasets.segy;

import java.nio.ByteBuffer;
import org.explain4j.datasets.DatasetException;

/** The SEG-Y data sample formats read (binary header bytes 3225-3226), with their decoding to float. */
public enum SampleFormat {
    IBM_FLOAT(1, 4), INT32(2, 4), INT16(3, 2), IEEE_FLOAT(5, 4), INT8(8, 1);

    private final int code;
    private final int bytes;

    SampleFormat(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    public int bytes() {
        return bytes;
    }

    public static boolean known(int code) {
        for (SampleFormat f : values()) {
            if (f.code == code) {
                return true;
            }
        }
        return false;
    }

    public static SampleFormat of(int code, String file) {
        for (SampleFormat f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        throw new DatasetException(file + ": SEG-Y data sample format code " + code + " is not read (1 IBM float, 2 int32,"
                + " 3 int16, 5 IEEE float, 8 int8)");
    }

    /** The next sample of {@code b} (in the file's byte order) as a float. */
    float read(ByteBuffer b) {
        return switch (this) {
            case IBM_FLOAT -> ibmToFloat(b.getInt());
            case INT32 -> b.getInt();
            case INT16 -> b.getShort();
            case IEEE_FLOAT -> b.getFloat();
            case INT8 -> b.get();
        };
    }

    /**
     * IBM System/360 single precision: sign bit 31, exponent bits 30-24 (excess 64, base 16), fraction bits 23-0;
     * value = (-1)^s x (F / 2^24) x 16^(E - 64). Computed in double, then rounded once to float, as segyio does.
     */
    static float ibmToFloat(int bits) {
        int fraction = bits & 0x00ffffff;
        if (fraction == 0) {
            return (bits & 0x80000000) != 0 ? -0f : 0f;
        }
        int exponent = (bits >>> 24) & 0x7f;
        double value = fraction / (double) (1 << 24) * Math.pow(16, exponent - 64);
        return (float) ((bits & 0x80000000) != 0 ? -value : value);
    }

    /** The IBM encoding of {@code v} (for writers and tests), truncating the fraction as IBM hardware does. */
    static int floatToIbm(float v) {
        if (v == 0) {
            return 0;
        }
        int sign = v < 0 ? 0x80000000 : 0;
        double a = Math.abs((double) v);
        int exponent = 64;
        while (a >= 1) {
            a /= 16;
            exponent++;
        }
        while (a < 1.0 / 16) {
            a *= 16;
            exponent--;
        }
        int fraction = (int) (a * (1 << 24));
        return sign | (exponent << 24) | (fraction & 0x00ffffff);
    }
}
