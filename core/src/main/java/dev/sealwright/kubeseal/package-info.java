/**
 * Opening values sealed by Bitnami's Sealed Secrets ({@code kubeseal}), the base of migrating a
 * cluster's SealedSecrets to Sealwright envelopes. Only opening: Sealwright never writes this
 * construction. See {@code docs/kubeseal-compat.md} for the exact layout.
 */
package dev.sealwright.kubeseal;
