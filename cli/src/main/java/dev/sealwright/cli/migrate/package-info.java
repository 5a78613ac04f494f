/**
 * Migration from other sealing tools into Sealwright SealedSecrets: the {@code sealwright import}
 * group. {@code import kubeseal} converts Bitnami Sealed Secrets with the controller's exported
 * keys (docs/migration.md, "From Bitnami Sealed Secrets").
 */
package dev.sealwright.cli.migrate;
