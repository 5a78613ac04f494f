/**
 * The migration benchmark: a generated GitOps repository of Bitnami SealedSecrets (made by the real
 * kubeseal) and SOPS-encrypted Secrets (made by the real sops), converted with {@code sealwright
 * import kubeseal} and {@code sealwright import sops}, every value checked, as described in {@code
 * docs/benchmarks.md} ("Migration").
 */
package dev.sealwright.bench.migration;
