# shellcheck shell=bash disable=SC2034 # the variables are read by the scripts that source this
# Pinned versions of the test control plane. Sourced by testenv/up and testenv/lib/build.sh.
# Changing KUBE_VERSION changes the cache directory, so old and new binaries never mix.
# v1.36.3: its go.mod says go 1.26.0 (the machine has Go 1.26.8) and every staging module it
# needs is published as v0.36.3 on the Go module proxy.
KUBE_VERSION=v1.36.3
# etcd is built from the same module graph as the API server, so it is the version
# k8s.io/kubernetes itself requires (go.etcd.io/etcd/server/v3 v3.6.8 for v1.36.3).

# The opt-in node (testenv/up --with-node). kubelet and kube-scheduler come from KUBE_VERSION's
# module graph like the API server. kubelet 1.36 needs containerd 2.x (1.35 was the last release
# to support containerd 1.x); each of these has its own cache directory keyed by its version.
CONTAINERD_VERSION=v2.4.2
RUNC_VERSION=v1.5.3
CNI_PLUGINS_VERSION=v1.10.0
