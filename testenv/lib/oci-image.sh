#!/usr/bin/env bash
# Packages one static binary as a single-layer OCI image archive (an oci-layout tar, what
# `ctr images import` and `testenv/load-image` read), without a registry or a container daemon.
# The archive is reproducible: the same binary and arguments give the same bytes and digest.
#
#   oci-image.sh OUT.tar NAME:TAG USER BINARY [ENTRYPOINT ARGS...]
#
# The binary lands at /<basename> in the image and is the entrypoint.
set -euo pipefail
(($# >= 4)) || {
  echo "usage: oci-image.sh OUT.tar NAME:TAG USER BINARY [ENTRYPOINT ARGS...]" >&2
  exit 2
}
out=$1 ref=$2 user=$3 binary=$4
shift 4
name="$(basename "$binary")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

deterministic_tar() { # out.tar dir files...
  local tar_out=$1 dir=$2
  shift 2
  tar --create --file="$tar_out" --directory="$dir" --sort=name --format=gnu \
    --owner=0 --group=0 --numeric-owner --mtime=@0 "$@"
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
json_strings() { # prints "a","b",... with JSON escapes for \ and "
  local first=1 s
  for s in "$@"; do
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    ((first)) || printf ','
    printf '"%s"' "$s"
    first=0
  done
}
blob() { # file -> moves it into blobs/sha256, prints its digest
  local digest
  digest="$(sha "$1")"
  mv "$1" "$work/oci/blobs/sha256/$digest"
  echo "$digest"
}

mkdir -p "$work/rootfs" "$work/oci/blobs/sha256"
install -m 0755 "$binary" "$work/rootfs/$name"
deterministic_tar "$work/layer.tar" "$work/rootfs" "$name"
layer_size=$(size "$work/layer.tar")
layer=$(blob "$work/layer.tar") # uncompressed, so the digest is also the diff id

printf '{"architecture":"amd64","os":"linux","config":{"User":"%s","Entrypoint":[%s]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$user" "$(json_strings "/$name" "$@")" "$layer" >"$work/config.json"
config_size=$(size "$work/config.json")
config=$(blob "$work/config.json")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
  "$config" "$config_size" "$layer" "$layer_size" >"$work/manifest.json"
manifest_size=$(size "$work/manifest.json")
manifest=$(blob "$work/manifest.json")

# io.containerd.image.name is the full name ctr import gives the image; ref.name is the OCI tag.
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"},"annotations":{"io.containerd.image.name":"%s","org.opencontainers.image.ref.name":"%s"}}]}' \
  "$manifest" "$manifest_size" "$ref" "${ref##*:}" >"$work/oci/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' >"$work/oci/oci-layout"

mkdir -p "$(dirname "$out")"
deterministic_tar "$out.tmp" "$work/oci" oci-layout index.json blobs
mv "$out.tmp" "$out"
echo "testenv: image $ref (sha256:$manifest) in $out" >&2
