#!/usr/bin/env bash
# Builds what the opt-in node needs (testenv/up --with-node) from source and caches it under
# ~/.cache/sealwright-testenv, one directory per component and version, so bumping one version
# rebuilds only that component:
#   <kube>/bin                 kubelet, kube-scheduler (build.sh node: the API server's module graph)
#   containerd-<v>/bin         containerd, containerd-shim-runc-v2, ctr
#   runc-<v>/bin               runc (cgo, with seccomp through libseccomp)
#   cni-plugins-<v>/bin        bridge, host-local, loopback, portmap
#   <kube>/images/pause.tar    the pause image, compiled from k8s.io/kubernetes' build/pause
#   show-<hash>/show.tar       the test application image from testenv/images/show (keyed by source)
# Prints shell assignments (KUBE_BIN=... CONTAINERD_BIN=... RUNC_BIN=... CNI_BIN=... PAUSE_ARCHIVE=...
# PAUSE_IMAGE=... SHOW_ARCHIVE=... SHOW_IMAGE=...) for testenv/up to eval. A complete directory (marked .complete) is reused without
# touching the network.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/versions.sh
source "$here/versions.sh"

export PATH="/usr/local/go/bin:$PATH" GOTOOLCHAIN=local GOFLAGS=-buildvcs=false
cache_root="${SEALWRIGHT_TESTENV_CACHE:-$HOME/.cache/sealwright-testenv}"

# Runs build_<fn> DIR once per DIR: a .complete marker skips it; a lock lets a second checkout
# building at the same time wait and then find it complete.
cached() { # dir fn description
  local dir=$1 fn=$2 what=$3 start
  [[ -f "$dir/.complete" ]] && return 0
  mkdir -p "$dir"
  exec 7>"$dir/.build.lock"
  flock 7
  if [[ ! -f "$dir/.complete" ]]; then
    start=$(date +%s)
    echo "testenv: building $what into $dir (first run only)" >&2
    "$fn" "$dir" >&2
    touch "$dir/.complete"
    echo "testenv: built $what in $(($(date +%s) - start)) s" >&2
  fi
  exec 7>&-
}

build_containerd() { # dir
  local v=github.com/containerd/containerd/v2/version
  # CGO off: a static containerd without the btrfs/devmapper/zfs snapshotters, which need C
  # headers; the node uses overlayfs (or native).
  CGO_ENABLED=0 GOBIN="$1" go install -trimpath -tags "no_btrfs no_devmapper no_zfs" \
    -ldflags "-s -w -X $v.Version=$CONTAINERD_VERSION -X $v.Package=github.com/containerd/containerd/v2" \
    "github.com/containerd/containerd/v2/cmd/containerd@$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2@$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/ctr@$CONTAINERD_VERSION"
  "$1/containerd" --version
}

build_runc() { # dir
  # runc's nsexec is C, so cgo is required. seccomp (libseccomp-dev) because pods with
  # seccompProfile RuntimeDefault, as restricted Pod Security asks, fail on a runc without it.
  # Not libpathrs (a Rust library): runc then uses its pure-Go path resolution.
  if ! pkg-config --exists libseccomp 2>/dev/null && [[ ! -f /usr/include/seccomp.h ]]; then
    echo "testenv: error: runc needs libseccomp's headers" >&2
    echo "testenv: hint: apt-get install libseccomp-dev" >&2
    return 1
  fi
  CGO_ENABLED=1 GOBIN="$1" go install -trimpath -tags "seccomp urfave_cli_no_docs" \
    -ldflags "-s -w -X main.gitCommit=$RUNC_VERSION" "github.com/opencontainers/runc@$RUNC_VERSION"
  "$1/runc" --version
}

build_cni() { # dir
  local p=github.com/containernetworking/plugins/plugins
  CGO_ENABLED=0 GOBIN="$1" go install -trimpath -ldflags "-s -w" \
    "$p/main/bridge@$CNI_PLUGINS_VERSION" "$p/main/loopback@$CNI_PLUGINS_VERSION" \
    "$p/ipam/host-local@$CNI_PLUGINS_VERSION" "$p/meta/portmap@$CNI_PLUGINS_VERSION"
  ls "$1"
}

pause_tag() { sed -n 's/^TAG ?= *//p' "$(kube_source)/build/pause/Makefile"; }
kube_source() {
  (cd "$cache_root" && go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" |
    sed -n 's/.*"Dir": "\(.*\)",*$/\1/p')
}

build_pause() { # dir
  local src tag
  src="$(kube_source)"
  tag="$(pause_tag)"
  gcc -Os -s -Wall -Werror -static -DVERSION="v$tag-$KUBE_VERSION" -o "$1/pause" "$src/build/pause/linux/pause.c"
  "$here/oci-image.sh" "$1/pause.tar" "localhost/sealwright-testenv/pause:$tag" 65535:65535 "$1/pause"
  echo "localhost/sealwright-testenv/pause:$tag" >"$1/image-name"
}

build_show() { # dir
  gcc -Os -s -Wall -Werror -static -o "$1/show" "$show_src"
  "$here/oci-image.sh" "$1/show.tar" "$show_image" 65532:65532 "$1/show"
}

mkdir -p "$cache_root"
show_src="$here/../images/show/show.c"
show_hash="$(cat "$show_src" "$here/oci-image.sh" | sha256sum | cut -c1-12)"
show_image="localhost/sealwright-testenv/show:$show_hash"
kube_bin="$("$here/build.sh" node)"
cached "$cache_root/containerd-$CONTAINERD_VERSION/bin" build_containerd "containerd $CONTAINERD_VERSION"
cached "$cache_root/runc-$RUNC_VERSION/bin" build_runc "runc $RUNC_VERSION"
cached "$cache_root/cni-plugins-$CNI_PLUGINS_VERSION/bin" build_cni "CNI plugins $CNI_PLUGINS_VERSION"
cached "$cache_root/$KUBE_VERSION/images" build_pause "the pause image of $KUBE_VERSION"
cached "$cache_root/show-$show_hash" build_show "the show test image"

printf 'KUBE_BIN=%q\nCONTAINERD_BIN=%q\nRUNC_BIN=%q\nCNI_BIN=%q\n' \
  "$kube_bin" "$cache_root/containerd-$CONTAINERD_VERSION/bin" "$cache_root/runc-$RUNC_VERSION/bin" \
  "$cache_root/cni-plugins-$CNI_PLUGINS_VERSION/bin"
printf 'PAUSE_ARCHIVE=%q\nPAUSE_IMAGE=%q\nSHOW_ARCHIVE=%q\nSHOW_IMAGE=%q\n' \
  "$cache_root/$KUBE_VERSION/images/pause.tar" "$(cat "$cache_root/$KUBE_VERSION/images/image-name")" \
  "$cache_root/show-$show_hash/show.tar" "$show_image"
