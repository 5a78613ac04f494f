# shellcheck shell=bash
# The opt-in node of testenv/up --with-node: containerd (own root, state and socket under
# testenv/.state/node), kubelet and kube-scheduler, on a bridge network of its own. Sourced by
# testenv/up and testenv/down after process.sh and pki.sh. See docs/testing.md, "The node".

NODE_NAME=testenv-node
# shellcheck source=SCRIPTDIR/node-config.sh
source "$(dirname "${BASH_SOURCE[0]}")/node-config.sh"

# Per checkout, so two checkouts' nodes never share a bridge, a subnet or a cgroup: all derived
# from the state directory's path.
node_ids() { # state
  local h
  h=$(printf '%s' "$1" | sha256sum | cut -c1-6)
  NODE_DIR="$1/node"
  NODE_BRIDGE="sw-$h"
  NODE_CGROUP="sealwright-$h"
  NODE_SUBNET_PREFIX="10.$((200 + 0x${h:0:2} % 50)).$((0x${h:2:2}))"
  NODE_IP="$NODE_SUBNET_PREFIX.1"
  NODE_SOCKET="$NODE_DIR/containerd/containerd.sock"
  NODE_NETWORK="testenv-$h" # libcni caches results in /var/lib/cni/results/<network>-<id>-<if>
}

# The kubelet sets these (with protectKernelDefaults: false, its default); the last node to stop
# puts them back. Recorded once per machine, since another checkout's node may have changed them.
NODE_SYSCTLS=(vm.overcommit_memory kernel.panic kernel.panic_on_oops)
NODE_SYSCTL_RECORD=/run/sealwright-testenv/sysctl

# True if a kubelet of some checkout's testenv node still runs (other than a stopped one).
node_other_kubelets() {
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    [[ "$(readlink "${cmdline%/cmdline}/exe" 2>/dev/null)" == */kubelet ]] || continue
    tr '\0' ' ' <"$cmdline" 2>/dev/null | grep -q -- '/testenv/.state/node/kubelet/config.yaml' && return 0
  done
  return 1
}

# The bridge exists before the kubelet starts, holding the node's IP (the kubelet refuses a
# loopback node IP), so the host reaches pods (probes) without IP forwarding or NAT.
node_network() {
  mkdir -p "$NODE_DIR/cni/net.d" "$NODE_DIR/cni/ipam"
  ip link show "$NODE_BRIDGE" >/dev/null 2>&1 || ip link add "$NODE_BRIDGE" type bridge
  ip addr replace "$NODE_IP/24" dev "$NODE_BRIDGE"
  ip link set "$NODE_BRIDGE" up
  node_cni_config
}

# The kubelet's cgroup root must exist in every v1 hierarchy it uses; cpuset needs its cpus and
# mems copied from the parent before anything can join it.
node_cgroups() {
  local h
  for h in cpu cpuacct cpuset memory pids systemd; do
    [[ -d "/sys/fs/cgroup/$h" ]] && mkdir -p "/sys/fs/cgroup/$h/$NODE_CGROUP"
  done
  cat /sys/fs/cgroup/cpuset/cpuset.cpus >"/sys/fs/cgroup/cpuset/$NODE_CGROUP/cpuset.cpus"
  cat /sys/fs/cgroup/cpuset/cpuset.mems >"/sys/fs/cgroup/cpuset/$NODE_CGROUP/cpuset.mems"
}

# Starts containerd; the caller waits for it with node_containerd_ready before importing images.
node_start_containerd() { # state containerd-bin runc-bin cni-bin pause-image
  local state=$1
  if ((EUID != 0)); then
    echo "testenv: error: the node needs root (a bridge, cgroups, mounts and network namespaces)" >&2
    echo "testenv: hint: run testenv/up --with-node as root, or testenv/up without a node" >&2
    return 1
  fi
  node_ids "$state"
  node_network
  node_cgroups
  node_containerd_config "$2" "$3" "$4" "$5"
  mkdir -p "$NODE_SYSCTL_RECORD"
  local s
  for s in "${NODE_SYSCTLS[@]}"; do
    [[ -f "$NODE_SYSCTL_RECORD/$s" ]] || sysctl -n "$s" >"$NODE_SYSCTL_RECORD/$s"
  done
  # The runc binary's directory first in PATH: the shim looks for runc there too.
  PATH="$3:$PATH" start_daemon "$state" containerd "$2/containerd" \
    --config="$NODE_DIR/containerd/config.toml" --log-level=warn
}

node_ctr() { # containerd-bin args...
  local bin=$1
  shift
  "$bin/ctr" --address="$NODE_SOCKET" --namespace=k8s.io "$@"
}

# testenv/.state/bin/ctr: ctr already pointed at the node's containerd and the CRI namespace.
node_ctr_wrapper() { # file containerd-bin
  printf '#!/bin/sh\nexec %q --address=%q --namespace=k8s.io "$@"\n' "$2/ctr" "$NODE_SOCKET" >"$1"
  chmod +x "$1"
}

node_containerd_ready() { # containerd-bin
  node_ctr "$1" version
}

node_import() { # containerd-bin archive
  # --all-platforms: the archive's index has one linux/amd64 entry either way; without it ctr
  # filters by this host's platform string, which also matches.
  node_ctr "$1" images import --all-platforms --snapshotter=overlayfs "$2" 2> >(grep -v DEPRECATION >&2)
}

node_start_kubelet() { # state kube-bin server
  local state=$1 port
  port=$(free_port)
  node_kubelet_config "$state/pki" "$port"
  write_kubeconfig "$state/kubeconfig-kubelet" "$3" kubelet
  write_kubeconfig "$state/kubeconfig-scheduler" "$3" scheduler
  start_daemon "$state" kubelet "$2/kubelet" \
    --config="$NODE_DIR/kubelet/config.yaml" --kubeconfig="$state/kubeconfig-kubelet" \
    --root-dir="$NODE_DIR/kubelet/root" --hostname-override="$NODE_NAME" --node-ip="$NODE_IP" --v=1
  start_daemon "$state" kube-scheduler "$2/kube-scheduler" \
    --kubeconfig="$state/kubeconfig-scheduler" \
    --authentication-kubeconfig="$state/kubeconfig-scheduler" \
    --authorization-kubeconfig="$state/kubeconfig-scheduler" \
    --bind-address=127.0.0.1 --secure-port=0 --leader-elect=false --v=1
}

node_ready() { # kubectl kubeconfig
  [[ "$("$1" --kubeconfig="$2" get node "$NODE_NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" == True ]]
}

# Removes every pod's containers while containerd still runs: stopping containerd leaves its
# shims and containers running, and their mounts would pin the state directory.
node_drain() { # state
  local bin id
  node_ids "$1"
  bin=$(daemon_binary "$1" containerd) || return 0
  bin=$(dirname "$bin")
  for id in $(node_ctr "$bin" tasks list -q 2>/dev/null); do
    node_ctr "$bin" tasks kill --signal=SIGKILL "$id" >/dev/null 2>&1 || true
  done
  for id in $(node_ctr "$bin" tasks list -q 2>/dev/null); do
    node_ctr "$bin" tasks delete --force "$id" >/dev/null 2>&1 || true
  done
  for id in $(node_ctr "$bin" containers list -q 2>/dev/null); do
    node_ctr "$bin" containers delete "$id" >/dev/null 2>&1 || true
    # libcni's cache of the sandbox's networks (no CNI DEL runs; the netns goes with its mount)
    rm -f "/var/lib/cni/results/$NODE_NETWORK-$id-eth0" "/var/lib/cni/results/cni-loopback-$id-lo"
  done
}

# After containerd stopped: shims it left (only ours: their binary and our socket), mounts under
# the node's directory, the bridge, the cgroups, and the kernel settings the kubelet changed.
node_cleanup() { # state
  local state=$1 pid target h s
  node_ids "$state"
  [[ -d "$NODE_DIR" ]] || return 0
  for pid in $(pgrep -f -- "-address $NODE_SOCKET" 2>/dev/null || true); do
    [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == */containerd-shim-runc-v2 ]] &&
      kill -KILL "$pid" 2>/dev/null
  done
  for target in $(findmnt -rn -o TARGET | grep -F "$NODE_DIR/" | sort -r || true); do
    umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || true
  done
  ip link del "$NODE_BRIDGE" 2>/dev/null || true
  for h in /sys/fs/cgroup/*/"$NODE_CGROUP"; do
    [[ -d "$h" ]] && find "$h" -depth -type d -exec rmdir {} \; 2>/dev/null
  done
  if ! node_other_kubelets; then
    for s in "${NODE_SYSCTLS[@]}"; do
      [[ -f "$NODE_SYSCTL_RECORD/$s" ]] &&
        sysctl -q -w "$s=$(cat "$NODE_SYSCTL_RECORD/$s")" && rm "$NODE_SYSCTL_RECORD/$s"
    done
  fi
  # The kubelet links every container's log into /var/log/containers (a fixed path); drop ours.
  find /var/log/containers -maxdepth 1 -lname "$NODE_DIR/*" -delete 2>/dev/null || true
  # --one-file-system: never follow a mount that survived the unmounts above into the host.
  rm -rf --one-file-system "$NODE_DIR/containerd" "$NODE_DIR/kubelet" "$NODE_DIR/cni"
  return 0
}
