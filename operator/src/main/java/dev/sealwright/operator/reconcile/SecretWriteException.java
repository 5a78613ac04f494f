package dev.sealwright.operator.reconcile;

/**
 * A Secret write failed for a reason that may pass (a conflict, a server error); the framework
 * retries. Carries names and status codes only, never a server message (it may quote the object).
 */
final class SecretWriteException extends RuntimeException {
  SecretWriteException(String message) {
    super(message);
  }
}
