#!/usr/bin/env bash
# Runs operator integration tests N times in a row, each time in a fresh JVM against one test
# environment, and stops at the first failure. For flakiness checks (not part of the build), e.g.
# while another build loads the machine:
#   operator/scripts/repeat-its.sh 20 ClusterKeysIT LeaderElectionIT SealedSecretIT
# Prints one line per round; the JUnit summary of a failed round is kept in
# operator/target/repeat-its/round-<n>.txt. See docs/testing.md ("Flakiness").
set -euo pipefail
usage="usage: operator/scripts/repeat-its.sh N CLASS [CLASS...] (classes of dev.sealwright.operator.it)"
rounds="${1:?$usage}"
shift
[ "$#" -gt 0 ] || { echo "$usage" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
out="$root/operator/target/repeat-its"
mkdir -p "$out"
junit="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)"
# The reactor resolves the sibling modules to their target/classes, so nothing is installed.
./mvnw -B -q -pl core,api,testenv,cli,operator -DskipErrorProne test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
./mvnw -B -q dependency:copy -Dmdep.useBaseVersion=true -DoutputDirectory="$out" \
  -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit"
launcher="$out/junit-platform-console-standalone-$junit.jar"
cp="$root/operator/target/test-classes:$root/operator/target/classes:$(cat operator/target/test.classpath)"
selectors=()
for c in "$@"; do selectors+=(--select-class "dev.sealwright.operator.it.$c"); done
# One control plane for all rounds: the tests reuse a running one and leave it running.
started=false
if [ ! -f testenv/.state/kubeconfig ]; then started=true; fi
testenv/up >&2
trap '[ "$started" = true ] && testenv/down >&2' EXIT
for round in $(seq 1 "$rounds"); do
  begin=$(date +%s)
  # A hung round fails after 30 minutes instead of hanging the loop.
  # From operator/, as failsafe runs them.
  if (cd operator && timeout 1800 "$JAVA_HOME/bin/java" \
      -Dsealwright.repo.root="$root" \
      -Dsealwright.peers.dir="$HOME/.cache/sealwright-peers" \
      -jar "$launcher" execute --class-path "$cp" "${selectors[@]}" \
      --disable-banner --details=summary --fail-if-no-tests) >"$out/round-$round.txt" 2>&1; then
    echo "round $round/$rounds passed in $(( $(date +%s) - begin )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
  else
    echo "round $round/$rounds FAILED; see $out/round-$round.txt" >&2
    grep -E 'MethodSource|=> |tests (successful|failed)' "$out/round-$round.txt" >&2 || true
    exit 1
  fi
done
echo "all $rounds rounds passed"
