# shellcheck shell=bash
# The opt-in node of testenv/up --with-node: containerd (own root, state and socket under
# testenv/.state/node), kubelet and kube-scheduler, on a bridge network of its own. Sourced by
# testenv/up and testenv/down after process.sh and pki.sh. See docs/testing.md, "The node".

NODE_NAME=testenv-node

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

# The API server's --service-cluster-ip-range (testenv/up); pods route it to the host.
NODE_SERVICE_CIDR=10.96.0.0/16

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

node_pki() { # pki-dir
  local p=$1
  pki_client_cert kubelet "system:node:$NODE_NAME" system:nodes
  pki_client_cert scheduler system:kube-scheduler
  # The API server's client for logs, exec and port-forward on the kubelet: system:masters, so
  # the kubelet's webhook authorization (a SubjectAccessReview) allows it.
  pki_client_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$NODE_NAME" \
    -keyout "$p/kubelet-serving.key" -out "$p/kubelet-serving.csr" 2>/dev/null
  openssl x509 -req -in "$p/kubelet-serving.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial \
    -days 30 -out "$p/kubelet-serving.crt" -extfile <(printf '%s\n' \
      "subjectAltName=IP:$NODE_IP,IP:127.0.0.1,DNS:$NODE_NAME,DNS:localhost" \
      'extendedKeyUsage=serverAuth' 'keyUsage=critical,digitalSignature') 2>/dev/null
  rm -f "$p/kubelet-serving.csr"
  chmod 600 "$p"/*.key
}

# The flags the API server needs only when a node runs (besides the Node authorizer, up adds it):
# NodeRestriction (the kubelet acts as system:node:<name>), and a client certificate to reach the
# kubelet for logs, exec and port-forward.
# It also listens beyond loopback and advertises the node's IP: the 'kubernetes' Service then points
# there, and kube-proxy sends pods' in-cluster connections (10.96.0.1:443) to it.
node_apiserver_flags() { # pki-dir
  printf '%s\n' --bind-address=0.0.0.0 --advertise-address="$NODE_IP" \
    --enable-admission-plugins=NodeRestriction \
    --kubelet-client-certificate="$1/apiserver-kubelet-client.crt" \
    --kubelet-client-key="$1/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority="$1/ca.crt" --kubelet-preferred-address-types=InternalIP
}

# Controllers workloads need, only with a node: node-lifecycle removes the not-ready taint that
# admission (TaintNodesByCondition) gives a new node; deployment and replicaset run Deployments;
# endpointslice fills Services; pod GC removes pods of a deleted node.
NODE_CONTROLLERS=node-lifecycle-controller,deployment-controller,replicaset-controller,endpointslice-controller,pod-garbage-collector-controller

# The bridge exists before the kubelet starts, holding the node's IP (the kubelet refuses a
# loopback node IP), so the host reaches pods (probes) without IP forwarding or NAT.
node_network() {
  mkdir -p "$NODE_DIR/cni/net.d" "$NODE_DIR/cni/ipam"
  ip link show "$NODE_BRIDGE" >/dev/null 2>&1 || ip link add "$NODE_BRIDGE" type bridge
  ip addr replace "$NODE_IP/24" dev "$NODE_BRIDGE"
  ip link set "$NODE_BRIDGE" up
  # isGateway false: the bridge plugin would otherwise turn on the host's net.ipv4.ip_forward.
  # No portmap in the chain: no test uses hostPort.
  cat >"$NODE_DIR/cni/net.d/10-testenv.conflist" <<CNI
{
  "cniVersion": "1.0.0",
  "name": "$NODE_NETWORK",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$NODE_BRIDGE",
      "isGateway": false,
      "ipMasq": false,
      "ipam": {
        "type": "host-local",
        "dataDir": "$NODE_DIR/cni/ipam",
        "ranges": [[{"subnet": "$NODE_SUBNET_PREFIX.0/24", "gateway": "$NODE_IP"}]],
        "routes": [{"dst": "$NODE_SUBNET_PREFIX.0/24"}, {"dst": "$NODE_SERVICE_CIDR", "gw": "$NODE_IP"}]
      }
    }
  ]
}
CNI
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

node_containerd_config() { # containerd-bin runc-bin cni-bin pause-image
  local d="$NODE_DIR/containerd"
  mkdir -p "$d"
  cat >"$d/config.toml" <<TOML
version = 3
root = '$d/root'
state = '$d/state'

[grpc]
  address = '$NODE_SOCKET'

[ttrpc]
  address = '$NODE_SOCKET.ttrpc'

[plugins.'io.containerd.internal.v1.opt']
  path = '$d/opt'

[plugins.'io.containerd.nri.v1.nri']
  disable = true

[plugins.'io.containerd.cri.v1.images']
  snapshotter = 'overlayfs'
  [plugins.'io.containerd.cri.v1.images'.pinned_images]
    sandbox = '$4'

[plugins.'io.containerd.cri.v1.runtime']
  netns_mounts_under_state_dir = true
  # This machine withholds CAP_SYS_RESOURCE even from root, so no process may lower its
  # oom_score_adj; without this, runc fails every sandbox with "nsexec: failed to update
  # /proc/self/oom_score_adj: Permission denied" (the kubelet asks -998 for sandboxes).
  restrict_oom_score_adj = true
  [plugins.'io.containerd.cri.v1.runtime'.containerd]
    default_runtime_name = 'runc'
    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc]
      runtime_type = 'io.containerd.runc.v2'
      [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]
        BinaryName = '$2/runc'
        SystemdCgroup = false
  [plugins.'io.containerd.cri.v1.runtime'.cni]
    bin_dirs = ['$3']
    conf_dir = '$NODE_DIR/cni/net.d'

[plugins.'io.containerd.grpc.v1.cri']
  stream_server_address = '127.0.0.1'
  stream_server_port = '0'
TOML
}

node_kubelet_config() { # pki-dir kubelet-port
  local d="$NODE_DIR/kubelet"
  mkdir -p "$d/root" "$d/pod-logs"
  cat >"$d/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# This machine mounts cgroup v1 controllers (plus an empty unified hierarchy); kubelet 1.35+
# refuses v1 unless told otherwise.
failCgroupV1: false
cgroupDriver: cgroupfs
cgroupRoot: /$NODE_CGROUP
containerRuntimeEndpoint: unix://$NODE_SOCKET
address: $NODE_IP
port: $2
readOnlyPort: 0
healthzPort: 0
tlsCertFile: $1/kubelet-serving.crt
tlsPrivateKeyFile: $1/kubelet-serving.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $1/ca.crt}
authorization:
  mode: Webhook
podLogsDir: $d/pod-logs
makeIPTablesUtilChains: false
# A shared, busy build machine: evict only when truly short.
evictionHard:
  memory.available: 100Mi
  nodefs.available: 1%
  nodefs.inodesFree: 1%
  imagefs.available: 1%
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
nodeStatusUpdateFrequency: 4s
YAML
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

# kube-proxy in iptables mode: Services, above all 'kubernetes' (10.96.0.1:443), reach their
# endpoints from pods. Its rules live in the host's netfilter tables (one node per machine at a
# time: two would program the same chains); down removes them. Needs iptables (Debian: iptables).
node_start_kube_proxy() { # state kube-bin
  local state=$1
  command -v iptables-restore >/dev/null || {
    echo "testenv: error: the node's kube-proxy needs iptables" >&2
    echo "testenv: hint: apt-get install iptables" >&2
    return 1
  }
  mkdir -p "$NODE_DIR/kube-proxy"
  cat >"$NODE_DIR/kube-proxy/config.yaml" <<YAML
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection:
  kubeconfig: $state/kubeconfig
hostnameOverride: $NODE_NAME
mode: iptables
clusterCIDR: $NODE_SUBNET_PREFIX.0/24
# A container may not raise the conntrack table size; 0 leaves it as it is.
conntrack:
  maxPerCore: 0
# No NodePorts on 127.0.0.1: that would set the host's route_localnet.
iptables:
  localhostNodePorts: false
metricsBindAddress: 127.0.0.1:$(free_port)
healthzBindAddress: 127.0.0.1:$(free_port)
YAML
  echo "$2/kube-proxy" >"$NODE_DIR/kube-proxy/binary"
  start_daemon "$state" kube-proxy "$2/kube-proxy" --config="$NODE_DIR/kube-proxy/config.yaml" --v=1
}

# The kube-proxy rules left after it stopped (its own cleanup mode removes exactly its chains).
node_cleanup_kube_proxy() {
  [[ -f "$NODE_DIR/kube-proxy/binary" ]] || return 0
  "$(cat "$NODE_DIR/kube-proxy/binary")" --cleanup >/dev/null 2>&1 || true
  rm -rf "$NODE_DIR/kube-proxy"
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
  node_cleanup_kube_proxy
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
