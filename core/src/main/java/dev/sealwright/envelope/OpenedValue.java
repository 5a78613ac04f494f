package dev.sealwright.envelope;

import dev.sealwright.secret.SecretBytes;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A value opened by {@link Sealer#openForReseal}, with what {@link Sealer#reseal} needs to seal the
 * same value again under the same {@link ValueTag}: the binding it was opened for and, inside, its
 * secret tag key. Call {@link #destroy()} when done; it wipes the value and the key.
 */
public final class OpenedValue {
  private final SecretBytes value;
  private final Binding binding;
  private final @Nullable ValueKey valueKey;
  private final @Nullable ValueTag valueTag;

  OpenedValue(
      SecretBytes value, Binding binding, @Nullable ValueKey valueKey, @Nullable ValueTag tag) {
    this.value = value;
    this.binding = binding;
    this.valueKey = valueKey;
    this.valueTag = tag;
  }

  /** The value, owned by this object: {@link #destroy()} wipes it. */
  public SecretBytes value() {
    return value;
  }

  /** The binding the value was opened for and is re-sealed for. */
  public Binding binding() {
    return binding;
  }

  /** The envelope's value tag; empty for envelopes written before value tags. */
  public Optional<ValueTag> valueTag() {
    return Optional.ofNullable(valueTag);
  }

  /** The tag key to seal with again; null when the envelope had none. */
  @Nullable ValueKey valueKey() {
    return valueKey;
  }

  public void destroy() {
    value.destroy();
    if (valueKey != null) {
      valueKey.destroy();
    }
  }

  @Override
  public String toString() {
    return "OpenedValue[" + binding + ", " + value + "]";
  }
}
