package org.explain4j.core.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python dict literal of a {@code .npy} header, read leniently in spelling (either quote, any spacing,
 * keys in any order, a trailing comma, Python 2's {@code 3L}) and strictly in content: the three keys, a
 * string dtype, True or False, a tuple of whole numbers.
 */
record NpyHeaderText(String descr, boolean fortranOrder, long[] shape) {

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(['\"])([^'\"]*)\\1");
    private static final Pattern STRUCTURED = Pattern.compile("['\"]descr['\"]\\s*:\\s*\\[");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False|1|0)\\b");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    static NpyHeaderText parse(String text, Path file) {
        String t = text.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw new InputException(file + ": the .npy header is not a dictionary");
        }
        if (STRUCTURED.matcher(t).find()) {
            throw new InputException(file + " holds structured records; .npy inputs must be one plain numeric array");
        }
        Matcher d = DESCR.matcher(t);
        Matcher f = FORTRAN.matcher(t);
        Matcher s = SHAPE.matcher(t);
        if (!d.find() || !f.find() || !s.find()) {
            throw new InputException(file + ": the .npy header lacks 'descr', 'fortran_order' or 'shape': " + shorten(t));
        }
        boolean fortran = f.group(1).equals("True") || f.group(1).equals("1");
        return new NpyHeaderText(d.group(2), fortran, shape(s.group(1), file));
    }

    private static long[] shape(String tuple, Path file) {
        List<Long> dims = new ArrayList<>();
        String[] parts = tuple.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty() && i == parts.length - 1) {
                continue; // (3,) and ()
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                dims.add(Long.parseLong(p));
            } catch (NumberFormatException e) {
                throw new InputException(file + ": the .npy header's shape (" + shorten(tuple) + ") is not a tuple of whole numbers");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
