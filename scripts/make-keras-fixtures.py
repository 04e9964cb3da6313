#!/usr/bin/env python3
"""Writes the Keras-format fixture of explain-core's KerasImportTest with h5py (run once; tests never need Python).

Keras itself is not packaged in Debian, so the file is written in the layout Keras 2 saves (model.save("x.h5")):
root attributes keras_version, backend and model_config (the model's JSON), and model_weights/<layer>/<layer>/<weight>:0
datasets named by each layer group's weight_names attribute. The network, channels_last as Keras defaults to:
    Conv2D(4, 3x3, same, relu) -> BatchNormalization -> MaxPooling2D(2x2) -> Conv2D(6, 3x3, valid, relu)
    -> Flatten -> Dense(8, relu) -> Dense(5, softmax)
on a 10 x 12 x 3 input, with seeded weights. NumPy computes its output for a seeded input (the independent reference):
    small-cnn.h5, input.npy (NHWC, 2 x 10 x 12 x 3), logits.npy (the last Dense before its softmax), probabilities.npy;
    not-a-model.h5 (HDF5 without model_config); functional.h5, functional-input.npy, functional-logits.npy (a functional
    model with Add and Concatenate)
    python3 scripts/make-keras-fixtures.py explain-core/src/test/resources/keras
"""
import json
import sys
from pathlib import Path

import h5py
import numpy as np

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(2026)


def init(kind, **config):
    return {"class_name": kind, "config": config}


def layer(kind, name, **config):
    base = {"name": name, "trainable": True, "dtype": "float32"}
    base.update(config)
    return {"class_name": kind, "config": base}


def conv_config(filters, padding, **extra):
    return dict(filters=filters, kernel_size=[3, 3], strides=[1, 1], padding=padding, data_format="channels_last",
                dilation_rate=[1, 1], groups=1, activation="relu", use_bias=True,
                kernel_initializer=init("GlorotUniform", seed=None), bias_initializer=init("Zeros"),
                kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                bias_constraint=None, **extra)


def dense_config(units, activation):
    return dict(units=units, activation=activation, use_bias=True, kernel_initializer=init("GlorotUniform", seed=None),
                bias_initializer=init("Zeros"), kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                kernel_constraint=None, bias_constraint=None)


layers = [
    layer("InputLayer", "input_1", batch_input_shape=[None, 10, 12, 3], sparse=False, ragged=False),
    layer("Conv2D", "conv", **conv_config(4, "same")),
    layer("BatchNormalization", "bn", axis=[3], momentum=0.99, epsilon=0.001, center=True, scale=True,
          beta_initializer=init("Zeros"), gamma_initializer=init("Ones"), moving_mean_initializer=init("Zeros"),
          moving_variance_initializer=init("Ones"), beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
          gamma_constraint=None),
    layer("MaxPooling2D", "pool", pool_size=[2, 2], padding="valid", strides=[2, 2], data_format="channels_last"),
    layer("Conv2D", "conv2", **conv_config(6, "valid")),
    layer("Flatten", "flatten", data_format="channels_last"),
    layer("Dense", "dense", **dense_config(8, "relu")),
    layer("Dense", "out", **dense_config(5, "softmax")),
]
model_config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}

w = {
    "conv": {"kernel:0": rng.normal(0, 0.4, (3, 3, 3, 4)), "bias:0": rng.normal(0, 0.1, 4)},
    "bn": {"gamma:0": rng.uniform(0.5, 1.5, 4), "beta:0": rng.normal(0, 0.2, 4),
           "moving_mean:0": rng.normal(0, 0.3, 4), "moving_variance:0": rng.uniform(0.5, 1.5, 4)},
    "conv2": {"kernel:0": rng.normal(0, 0.3, (3, 3, 4, 6)), "bias:0": rng.normal(0, 0.1, 6)},
    "dense": {"kernel:0": rng.normal(0, 0.2, (3 * 4 * 6, 8)), "bias:0": rng.normal(0, 0.1, 8)},
    "out": {"kernel:0": rng.normal(0, 0.5, (8, 5)), "bias:0": rng.normal(0, 0.1, 5)},
}
w = {l: {k: v.astype(np.float32) for k, v in d.items()} for l, d in w.items()}
order = ["conv", "bn", "pool", "conv2", "flatten", "dense", "out"]
bn_names = ["gamma:0", "beta:0", "moving_mean:0", "moving_variance:0"]

def write_keras(path, model_config, order, weights, names_of):
    """The layout model.save("x.h5") writes: model_config, and each layer's weights under model_weights/<layer>/<layer>."""
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.4.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(model_config)
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = [n.encode() for n in order]
        g.attrs["backend"] = "tensorflow"
        g.attrs["keras_version"] = "2.4.0"
        for name in order:
            lg = g.create_group(name)
            names = names_of(name)
            lg.attrs["weight_names"] = [f"{name}/{n}".encode() for n in names]
            if names:
                inner = lg.create_group(name)
                for n in names:
                    inner.create_dataset(n, data=weights[name][n])


write_keras(out / "small-cnn.h5", model_config, order, w,
            lambda name: bn_names if name == "bn" else (["kernel:0", "bias:0"] if name in w else []))


def conv(x, k, b, pad):
    if pad:
        x = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    n, h, wd, _ = x.shape
    oh, ow = h - 2, wd - 2
    y = np.zeros((n, oh, ow, k.shape[3]))
    for i in range(3):
        for j in range(3):
            y += np.einsum("nhwc,co->nhwo", x[:, i:i + oh, j:j + ow, :], k[i, j])
    return y + b


x = rng.uniform(0, 1, (2, 10, 12, 3)).astype(np.float32)
a = np.maximum(conv(x.astype(np.float64), w["conv"]["kernel:0"], w["conv"]["bias:0"], True), 0)
bn = w["bn"]
a = (a - bn["moving_mean:0"]) / np.sqrt(bn["moving_variance:0"] + 0.001) * bn["gamma:0"] + bn["beta:0"]
a = a.reshape(2, 5, 2, 6, 2, 4).max(axis=(2, 4))
a = np.maximum(conv(a, w["conv2"]["kernel:0"], w["conv2"]["bias:0"], False), 0)
a = a.reshape(2, -1)
a = np.maximum(a @ w["dense"]["kernel:0"] + w["dense"]["bias:0"], 0)
logits = a @ w["out"]["kernel:0"] + w["out"]["bias:0"]
p = np.exp(logits - logits.max(axis=1, keepdims=True))
p /= p.sum(axis=1, keepdims=True)
np.save(out / "input.npy", x)
np.save(out / "logits.npy", logits.astype(np.float32))
np.save(out / "probabilities.npy", p.astype(np.float32))
print("wrote", sorted(q.name for q in out.iterdir()))


# A functional model (a ComputationGraph in DL4J), channels_last: two branches added, then concatenated with one of
# them along the channel axis, global average pooling, a softmax Dense: DL4J's merge axis for NHWC is checked.
def functional_layer(kind, name, inbound, **config):
    entry = layer(kind, name, **config)
    entry["name"] = name
    entry["inbound_nodes"] = [[[n, 0, 0, {}] for n in inbound]] if inbound else []
    return entry


f_layers = [
    functional_layer("InputLayer", "image", None, batch_input_shape=[None, 8, 8, 3], sparse=False, ragged=False),
    # (names that are no substring of "kernel" or "bias": DL4J's import strips the layer name from weight names)
    functional_layer("Conv2D", "left", ["image"], **conv_config(4, "same")),
    functional_layer("Conv2D", "right", ["image"], **conv_config(4, "same")),
    functional_layer("Add", "sum", ["left", "right"]),
    functional_layer("Concatenate", "cat", ["sum", "left"], axis=-1),
    functional_layer("GlobalAveragePooling2D", "gap", ["cat"], data_format="channels_last"),
    functional_layer("Dense", "fout", ["gap"], **dense_config(3, "softmax")),
]
f_config = {"class_name": "Functional", "config": {"name": "model", "layers": f_layers,
                                                   "input_layers": [["image", 0, 0]], "output_layers": [["fout", 0, 0]]}}
fw = {
    "left": {"kernel:0": rng.normal(0, 0.4, (3, 3, 3, 4)), "bias:0": rng.normal(0, 0.1, 4)},
    "right": {"kernel:0": rng.normal(0, 0.4, (3, 3, 3, 4)), "bias:0": rng.normal(0, 0.1, 4)},
    "fout": {"kernel:0": rng.normal(0, 0.5, (8, 3)), "bias:0": rng.normal(0, 0.1, 3)},
}
fw = {l: {k: v.astype(np.float32) for k, v in d.items()} for l, d in fw.items()}
f_order = ["image", "left", "right", "sum", "cat", "gap", "fout"]
write_keras(out / "functional.h5", f_config, f_order, fw, lambda name: ["kernel:0", "bias:0"] if name in fw else [])
fx = rng.uniform(0, 1, (2, 8, 8, 3)).astype(np.float32)
a = np.maximum(conv(fx.astype(np.float64), fw["left"]["kernel:0"], fw["left"]["bias:0"], True), 0)
b = np.maximum(conv(fx.astype(np.float64), fw["right"]["kernel:0"], fw["right"]["bias:0"], True), 0)
cat = np.concatenate([a + b, a], axis=-1)
flogits = cat.mean(axis=(1, 2)) @ fw["fout"]["kernel:0"] + fw["fout"]["bias:0"]
np.save(out / "functional-input.npy", fx)
np.save(out / "functional-logits.npy", flogits.astype(np.float32))

# An HDF5 file that is no Keras model (no model_config): the importer must say so in one line.
with h5py.File(out / "not-a-model.h5", "w") as f:
    f.create_dataset("numbers", data=np.arange(4))
