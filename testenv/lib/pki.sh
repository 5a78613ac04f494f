# shellcheck shell=bash
# Creates the control plane's throwaway PKI with openssl. Sourced by testenv/up.
# Everything is valid for 30 days and lives only in testenv/.state/pki.

pki_client_cert() { # name CN [O]
  local name=$1 cn=$2 org=${3:-} subj
  subj="/CN=$cn"
  [[ -n "$org" ]] && subj="/O=$org$subj"
  # RSA, not EC: fabric8 cannot read PKCS#8 EC client keys without Bouncy Castle.
  openssl req -new -newkey rsa:2048 -nodes -subj "$subj" \
    -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -extfile <(printf 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n') \
    -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr"
}

pki_create() { # dir
  pki=$1
  mkdir -p "$pki"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/CN=sealwright-testenv-ca" -keyout "$pki/ca.key" -out "$pki/ca.crt" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
  openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -out "$pki/apiserver.crt" -extfile <(printf '%s\n' \
      'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc' \
      'extendedKeyUsage=serverAuth' 'keyUsage=critical,digitalSignature') 2>/dev/null
  rm -f "$pki/apiserver.csr"
  # system:masters bypasses RBAC: the admin is what tests use to set things up.
  pki_client_cert admin sealwright-admin system:masters
  # The restricted user has only the built-in "view" role, which excludes Secrets.
  pki_client_cert restricted sealwright-restricted sealwright:testers
  pki_client_cert controller-manager system:kube-controller-manager
  # Service-account token signing key: makes TokenRequest and TokenReview real.
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$pki/sa.key" 2>/dev/null
  openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  chmod 600 "$pki"/*.key
}

# kubeconfig file server user
write_kubeconfig() {
  local file=$1 server=$2 user=$3
  cat >"$file.tmp" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: sealwright-testenv
  cluster:
    server: $server
    certificate-authority-data: $(base64 -w0 <"$pki/ca.crt")
users:
- name: $user
  user:
    client-certificate-data: $(base64 -w0 <"$pki/$user.crt")
    client-key-data: $(base64 -w0 <"$pki/$user.key")
contexts:
- name: sealwright-testenv
  context:
    cluster: sealwright-testenv
    user: $user
    namespace: default
current-context: sealwright-testenv
KUBECONFIG
  chmod 600 "$file.tmp"
  mv "$file.tmp" "$file"
}
