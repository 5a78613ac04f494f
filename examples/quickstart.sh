#!/usr/bin/env bash
# Sealwright without a cluster, in a temporary directory:
#   keygen -> create a SealedSecret -> inspect -> verify with the identity -> unseal.
# Run after building once:  ./mvnw -B -q -DskipTests install && examples/quickstart.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sealwright="$root/bin/sealwright"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; }

step "sealwright keygen -o cluster-key.txt"
recipient="$("$sealwright" keygen -o cluster-key.txt)"
echo "recipient: ${recipient:0:40}... (${#recipient} characters, post-quantum)"

step "sealwright create db -n prod --from-literal username=app --from-literal password=hunter2 -r \$recipient > db.sealed.yaml"
"$sealwright" create db -n prod --from-literal username=app --from-literal password=hunter2 \
  -r "$recipient" > db.sealed.yaml
sed -E 's/(sw1:[a-z]+:[^:]*:[0-9a-f,]+:)(.{24}).*/\1\2.../' db.sealed.yaml

step "sealwright inspect db.sealed.yaml"
"$sealwright" inspect db.sealed.yaml

step "sealwright verify db.sealed.yaml --identity cluster-key.txt"
"$sealwright" verify db.sealed.yaml --identity cluster-key.txt

step "sealwright unseal --force -f db.sealed.yaml --identity cluster-key.txt"
"$sealwright" unseal --force -f db.sealed.yaml --identity cluster-key.txt

echo
echo "Done: the SealedSecret above is safe to commit; only cluster-key.txt opens it."
