/**
 * Reading SOPS-encrypted files (YAML, JSON, dotenv) in memory: the data key from an age stanza,
 * each {@code ENC[AES256_GCM,...]} value opened with the path SOPS bound it to, and the SOPS MAC
 * checked before anything reaches a caller ({@link dev.sealwright.cli.sops.SopsReader}). Files
 * whose data key only another key service holds (PGP, cloud KMS, Vault) are decrypted by running
 * the real {@code sops decrypt}, when it is on {@code PATH}. Plaintext stays in {@link
 * dev.sealwright.secret.SecretBytes}, never in files.
 */
package dev.sealwright.cli.sops;
