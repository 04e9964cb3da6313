package org.explain4j.core.imports.onnx;

import java.util.HashMap;
import java.util.Map;
import onnx.Onnx;

/** A node's attributes by name, with defaults. */
final class Attributes {

    private final Map<String, Onnx.AttributeProto> byName = new HashMap<>();

    Attributes(Onnx.NodeProto node) {
        node.getAttributeList().forEach(a -> byName.put(a.getName(), a));
    }

    long i(String name, long fallback) {
        Onnx.AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getI();
    }

    double f(String name, double fallback) {
        Onnx.AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getF();
    }

    String s(String name, String fallback) {
        Onnx.AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    long[] ints(String name, long[] fallback) {
        Onnx.AttributeProto a = byName.get(name);
        return a == null ? fallback : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    Onnx.TensorProto tensor(String name) {
        Onnx.AttributeProto a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("missing attribute " + name);
        }
        return a.getT();
    }
}
