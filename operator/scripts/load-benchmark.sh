#!/usr/bin/env bash
# Operator load benchmark (not a test): N SealedSecrets (default 10000) of 5 items each in the test
# environment, then bin/sealwright-operator started twice over them. Prints the time from operator
# start to all Ready, the same for the restart (with its decryption count), and peak RSS.
# See docs/benchmarks.md ("Operator load"). Usage: operator/scripts/load-benchmark.sh [COUNT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-10000}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
./mvnw -B -q -DskipTests install -pl operator -am
./mvnw -B -q -pl operator dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/operator/target/load-benchmark.classpath"
testenv/up >&2
cp="operator/target/test-classes:operator/target/classes:$(cat operator/target/load-benchmark.classpath)"
exec "$JAVA_HOME/bin/java" -cp "$cp" dev.sealwright.operator.bench.LoadBenchmark \
  "$root" "$root/testenv/.state/kubeconfig" "$count"
