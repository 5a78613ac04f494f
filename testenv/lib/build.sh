#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kubectl and etcd from source through the Go module
# proxy and caches them under ~/.cache/sealwright-testenv/<version>/bin. Prints that bin directory.
# Idempotent: a complete cache (marked by bin/.complete) is reused without touching the network.
# `build.sh node` builds kubelet, kube-scheduler and kube-proxy into the same directory from the same module
# graph instead (marked by bin/.complete-node); testenv/lib/build-node.sh calls it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=SCRIPTDIR/versions.sh
source "$here/versions.sh"

export PATH="/usr/local/go/bin:$PATH"
cache_root="${SEALWRIGHT_TESTENV_CACHE:-$HOME/.cache/sealwright-testenv}"
cache="$cache_root/$KUBE_VERSION"
bin="$cache/bin"
marker="$bin/.complete"
targets=(k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager
  k8s.io/kubernetes/cmd/kubectl)
if [[ "${1:-}" == node ]]; then
  # -2: kube-proxy joined the list; a cache completed without it builds again.
  marker="$bin/.complete-node-2"
  targets=(k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-scheduler
    k8s.io/kubernetes/cmd/kube-proxy)
fi
if [[ -f "$marker" ]]; then
  echo "$bin"
  exit 0
fi
# Two checkouts building at once share this cache: the second waits, then finds it complete.
mkdir -p "$cache"
exec 8>"$cache/.build.lock"
flock 8
if [[ -f "$marker" ]]; then
  echo "$bin"
  exit 0
fi
command -v go >/dev/null || {
  echo "testenv: error: go not found (looked in PATH and /usr/local/go/bin)" >&2
  echo "testenv: hint: install Go 1.26 or newer; the control plane is built from source" >&2
  exit 1
}

minor="${KUBE_VERSION#v1.}"   # 36.3
staging="v0.$minor"           # v0.36.3
work="$cache/module"
mkdir -p "$work" "$bin"

export GOTOOLCHAIN=local # never fetch another Go toolchain; v1.36.3 needs Go 1.26, which is installed

# k8s.io/kubernetes replaces its staging modules with ./staging/src/... folders, which only exist in
# its git checkout, so `go install k8s.io/kubernetes/cmd/...@version` is refused. A throwaway main
# module that requires k8s.io/kubernetes and points every staging module it requires at the
# published release of the same minor builds the same code.
kube_mod="$(cd "$cache" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" |
  sed -n 's/.*"GoMod": "\(.*\)",*$/\1/p')"
mapfile -t staging_modules < <(grep -Fxf \
  <(awk '$2 == "v0.0.0" { print $1 }' "$kube_mod") \
  <(awk '$2 == "=>" && $3 ~ /^\.\/staging\/src\// { print $1 }' "$kube_mod"))
if ((${#staging_modules[@]} == 0)); then
  echo "testenv: error: found no staging modules in $kube_mod" >&2
  echo "testenv: hint: check KUBE_VERSION in testenv/lib/versions.sh" >&2
  exit 1
fi
{
  echo "module sealwright.dev/testenv-build"
  echo
  echo "go $(awk '$1 == "go" { print $2 }' "$kube_mod")"
  echo
  echo "require k8s.io/kubernetes $KUBE_VERSION"
  echo
  echo "replace ("
  for m in "${staging_modules[@]}"; do
    echo "	$m => $m $staging"
  done
  echo ")"
} >"$work/go.mod"

pkg=k8s.io/component-base/version
cpkg=k8s.io/client-go/pkg/version
major=1
kminor="${minor%%.*}"
vflags=""
for p in "$pkg" "$cpkg"; do
  vflags+=" -X $p.gitVersion=$KUBE_VERSION -X $p.gitMajor=$major -X $p.gitMinor=$kminor"
  vflags+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done

start=$(date +%s)
echo "testenv: building ${targets[*]##*/} $KUBE_VERSION into $bin (first run only; takes a while)" >&2
(
  cd "$work"
  export CGO_ENABLED=0 GOFLAGS="-buildvcs=false -mod=mod"
  go build -trimpath -ldflags "-s -w$vflags" -o "$bin/" "${targets[@]}"
  if [[ "$marker" == "$bin/.complete" ]]; then
    # etcd from the very module graph k8s.io/kubernetes requires, so client and server versions agree.
    go build -trimpath -ldflags "-s -w" -o "$bin/etcd" go.etcd.io/etcd/server/v3
    "$bin/etcd" --version
  fi
) >&2
touch "$marker"
echo "testenv: built in $(($(date +%s) - start)) s" >&2
echo "$bin"
