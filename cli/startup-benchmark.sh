#!/usr/bin/env bash
# Start-up benchmark of the whole 'sealwright seal' process on a 5-item Secret (issue 3's goal:
# median under 0.5 s). Needs hyperfine (apt-get install hyperfine) and a built tree
# (./mvnw -B -q -DskipTests install). Prints hyperfine's table; compares the launcher (AOT cache)
# with the same jar without the cache.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
"$root/bin/sealwright" keygen -o key.txt > recipient.txt 2>/dev/null
cat > secret.yaml <<'YAML'
apiVersion: v1
kind: Secret
metadata:
  name: app
  namespace: prod
type: Opaque
stringData:
  database-url: postgres://app@db.prod:5432/app
  database-password: 9f8d7c6b5a4e3d2c1b0a
  api-key: sk_live_0123456789abcdef
  smtp-password: correct-horse-battery-staple
  session-secret: 4b1d0c2e8f7a6b5c4d3e2f1a0b9c8d7e
YAML
hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json result.json \
  -n 'bin/sealwright seal (AOT cache)' "$root/bin/sealwright seal -f secret.yaml -R recipient.txt" \
  -n 'java -jar sealwright.jar seal (no cache)' "$java -jar $root/cli/target/sealwright.jar seal -f secret.yaml -R recipient.txt"
python3 -c "
import json
for r in json.load(open('result.json'))['results']:
    print(f\"median {r['median']*1000:.0f} ms  {r['command']}\")"
