package dev.sealwright.bench;

import dev.sealwright.errors.SealingException;
import dev.sealwright.kubeseal.KubesealLabel;
import dev.sealwright.kubeseal.KubesealOpener;
import dev.sealwright.secret.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The baseline: Sealed Secrets' construction for the same 64-byte value, with the controller's
 * default 4096-bit key, on the base64 strings a SealedSecret stores, like {@link
 * EnvelopeBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class KubesealBaselineBenchmark {
  private static final int RSA_BITS = 4096;

  private KubesealBaselineSealer sealer;
  private KubesealOpener opener;
  private KubesealLabel label;
  private SecretBytes value;
  private String sealed;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException, SealingException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(RSA_BITS);
    KeyPair keys = generator.generateKeyPair();
    label = KubesealLabel.strict(Fixtures.NAMESPACE, Fixtures.NAME);
    sealer = new KubesealBaselineSealer(keys.getPublic(), Fixtures.NAMESPACE + "/" + Fixtures.NAME);
    opener = KubesealOpener.of(List.of((RSAPrivateKey) keys.getPrivate()));
    value = Fixtures.value();
    sealed = sealer.seal(value);
    // A baseline that does not round-trip would measure nothing.
    if (!opener.openBase64(sealed, label).equalsSecret(value)) {
      throw new IllegalStateException("the baseline sealer and the kubeseal opener disagree");
    }
  }

  @Benchmark
  public String seal() throws GeneralSecurityException {
    return sealer.seal(value);
  }

  @Benchmark
  public SecretBytes open() throws SealingException {
    return opener.openBase64(sealed, label);
  }
}
