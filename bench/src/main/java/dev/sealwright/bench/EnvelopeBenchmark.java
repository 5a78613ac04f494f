package dev.sealwright.bench;

import dev.sealwright.age.AgeKeys;
import dev.sealwright.age.Identity;
import dev.sealwright.age.Recipient;
import dev.sealwright.envelope.Binding;
import dev.sealwright.envelope.Keyring;
import dev.sealwright.envelope.Sealer;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Seal and open of one 64-byte value through the public {@link Sealer} API, as the CLI and the
 * operator use it: the envelope string in, the value out, binding checked.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class EnvelopeBenchmark {

  /** {@code hybrid} is mlkem768x25519 (the default), {@code x25519} the classic age recipient. */
  @Param({"hybrid", "x25519"})
  public String recipient;

  private SecretBytes value;
  private Binding binding;
  private List<Recipient> recipients;
  private Keyring keyring;
  private String envelope;

  @Setup(Level.Trial)
  public void setUp() throws SealingException {
    Identity identity =
        switch (recipient) {
          case "hybrid" -> AgeKeys.generateHybrid();
          case "x25519" -> AgeKeys.generateX25519();
          default -> throw new IllegalArgumentException("unknown recipient " + recipient);
        };
    value = Fixtures.value();
    binding = Fixtures.binding();
    recipients = List.of(identity.recipient().orElseThrow());
    keyring = Keyring.of(List.of(identity));
    envelope = Sealer.seal(value, binding, recipients);
  }

  @Benchmark
  public String seal() throws SealingException {
    return Sealer.seal(value, binding, recipients);
  }

  @Benchmark
  public SecretBytes open() throws SealingException {
    return Sealer.open(envelope, binding, keyring);
  }
}
