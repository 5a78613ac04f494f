# shellcheck shell=bash
# The node's certificates, the API server and controller manager additions, and the config files
# of CNI, containerd and the kubelet. Sourced by node.sh; node_ids sets the names they use.

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
node_apiserver_flags() { # pki-dir
  printf '%s\n' --enable-admission-plugins=NodeRestriction \
    --kubelet-client-certificate="$1/apiserver-kubelet-client.crt" \
    --kubelet-client-key="$1/apiserver-kubelet-client.key" \
    --kubelet-certificate-authority="$1/ca.crt" --kubelet-preferred-address-types=InternalIP
}

# Controllers workloads need, only with a node: node-lifecycle removes the not-ready taint that
# admission (TaintNodesByCondition) gives a new node; deployment and replicaset run Deployments;
# endpointslice fills Services; pod GC removes pods of a deleted node.
NODE_CONTROLLERS=node-lifecycle-controller,deployment-controller,replicaset-controller,endpointslice-controller,pod-garbage-collector-controller

node_cni_config() {
  # isGateway false: the bridge plugin would otherwise turn on the host's net.ipv4.ip_forward.
  # No portmap in the chain: it needs iptables or nft, which this machine lacks (hostPort unused).
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
        "routes": [{"dst": "$NODE_SUBNET_PREFIX.0/24"}]
      }
    }
  ]
}
CNI
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
