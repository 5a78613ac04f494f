package dev.sealwright.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sealwright.crypto.Bytes;
import dev.sealwright.errors.MalformedException;
import dev.sealwright.errors.NoMatchingIdentityException;
import dev.sealwright.errors.SealingException;
import dev.sealwright.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgeTest {
  @Test
  void encrypt_hybridWithClassicRecipient_refused() {
    var pq = AgeKeys.generateHybrid().publicRecipient();
    var classic = AgeKeys.generateX25519().publicRecipient();
    assertThatThrownBy(() -> Age.encrypt(new byte[1], List.of(pq, classic)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("post-quantum");
  }

  @Test
  void encrypt_twoHybridRecipients_eachDecrypts() throws Exception {
    var a = AgeKeys.generateHybrid();
    var b = AgeKeys.generateHybrid();
    byte[] file = Age.encrypt("v".getBytes(), List.of(a.publicRecipient(), b.publicRecipient()));
    assertThat(Age.decrypt(file, List.of(a)).toByteArray()).isEqualTo("v".getBytes());
    assertThat(Age.decrypt(file, List.of(b)).toByteArray()).isEqualTo("v".getBytes());
    assertThatThrownBy(() -> Age.decrypt(file, List.of(AgeKeys.generateHybrid())))
        .isInstanceOf(NoMatchingIdentityException.class);
  }

  @Test
  void armor_roundTrip_decodesToSameFile() throws Exception {
    var id = AgeKeys.generateX25519();
    byte[] file = Age.encrypt(new byte[500], List.of(id.publicRecipient()));
    String armored = Armor.encode(file);
    assertThat(Armor.decode(armored.getBytes(StandardCharsets.US_ASCII))).isEqualTo(file);
    assertThat(Age.decrypt(armored.getBytes(StandardCharsets.US_ASCII), List.of(id)).toByteArray())
        .isEqualTo(new byte[500]);
  }

  @Test
  void readIdentityFile_passphraseProtected_asksAndDecrypts() throws Exception {
    var id = AgeKeys.generateHybrid();
    SecretBytes pass = SecretBytes.copyOf("correct horse".getBytes(StandardCharsets.UTF_8));
    byte[] protectedFile =
        Armor.encode(Age.encrypt(id.encoded().toByteArray(), List.of(Scrypt.recipient(pass, 10))))
            .getBytes(StandardCharsets.US_ASCII);
    List<Identity> ids = AgeKeys.readIdentityFile(protectedFile, () -> pass);
    assertThat(ids.get(0).recipient().orElseThrow().encoded())
        .isEqualTo(id.publicRecipient().encoded());
  }

  @Test
  void readIdentityFile_plainOrBinaryEncrypted_asksOnlyWhenEncrypted() throws Exception {
    var id = AgeKeys.generateX25519();
    byte[] plain = id.encoded().toByteArray();
    SecretBytes pass = SecretBytes.copyOf("pw".getBytes(StandardCharsets.UTF_8));
    byte[] binary = Age.encrypt(plain, List.of(Scrypt.recipient(pass, 10)));

    List<Identity> fromPlain =
        AgeKeys.readIdentityFile(
            plain,
            () -> {
              throw new AssertionError("a plain identity file needs no passphrase");
            });
    List<Identity> fromBinary = AgeKeys.readIdentityFile(binary, () -> pass);

    for (List<Identity> ids : List.of(fromPlain, fromBinary)) {
      assertThat(ids.get(0).recipient().orElseThrow().encoded())
          .isEqualTo(id.publicRecipient().encoded());
    }
  }

  @Test
  void parseIdentities_badLine_namesLineNotContents() {
    assertThatThrownBy(
            () -> AgeKeys.parseIdentities("# comment\nAGE-SECRET-KEY-1NOTVALIDATALLXX\n"))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("NOTVALID");
  }

  @Test
  void identity_toString_neverPrintsKey() {
    var id = AgeKeys.generateHybrid();
    String secret = new String(id.encoded().toByteArray(), StandardCharsets.US_ASCII);
    assertThat(id.toString()).doesNotContain(secret.substring(20));
    assertThat(id.encoded().toString()).doesNotContain("AGE-SECRET");
  }

  @Test
  void hybridIdentity_encodedRoundTrip_sameRecipient() throws Exception {
    var id = AgeKeys.generateHybrid();
    var parsed =
        AgeKeys.parseIdentity(new String(id.encoded().toByteArray(), StandardCharsets.US_ASCII));
    assertThat(parsed.recipient().orElseThrow().encoded())
        .isEqualTo(id.publicRecipient().encoded());
    assertThat(id.publicRecipient().encoded()).startsWith("age1pq1");
  }

  @Test
  void encrypt_noRecipient_refused() {
    assertThatThrownBy(() -> Age.encrypt(new byte[1], List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one recipient");
  }

  @Test
  void encrypt_passphraseBesideAnotherRecipient_refused() {
    Recipient passphrase = Scrypt.recipient(SecretBytes.copyOf(new byte[] {'p'}), 1);
    Recipient classic = AgeKeys.generateX25519().publicRecipient();

    for (List<Recipient> recipients :
        List.of(List.of(passphrase, classic), List.of(classic, passphrase))) {
      assertThatThrownBy(() -> Age.encrypt(new byte[1], recipients))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a passphrase must be the only recipient");
    }
  }

  @Test
  void scryptWrap_twice_freshSaltEachTime() {
    Recipient passphrase = Scrypt.recipient(SecretBytes.copyOf(new byte[] {'p'}), 1);

    String first = passphrase.wrap(new byte[Age.FILE_KEY_SIZE]).get(0).args().get(0);
    String second = passphrase.wrap(new byte[Age.FILE_KEY_SIZE]).get(0).args().get(0);

    assertThat(first).isNotEqualTo(second).isNotEqualTo(Base64Raw.encode(new byte[16]));
  }

  @Test
  void encrypt_twice_freshRandomFileKeyAndNonceEachTime() {
    var id = AgeKeys.generateX25519();
    KeyCapturingRecipient recipient = new KeyCapturingRecipient(id.publicRecipient());
    byte[] first = Age.encrypt("same".getBytes(StandardCharsets.UTF_8), List.of(recipient));
    byte[] second = Age.encrypt("same".getBytes(StandardCharsets.UTF_8), List.of(recipient));

    assertThat(recipient.copies).hasSize(2);
    assertThat(recipient.copies.get(0)).isNotEqualTo(new byte[Age.FILE_KEY_SIZE]);
    assertThat(recipient.copies.get(0)).isNotEqualTo(recipient.copies.get(1));
    assertThat(payloadNonce(first)).isNotEqualTo(payloadNonce(second));
  }

  @Test
  void encrypt_afterwards_fileKeyHandedToRecipientsIsWiped() {
    KeyCapturingRecipient recipient =
        new KeyCapturingRecipient(AgeKeys.generateX25519().publicRecipient());
    Age.encrypt(new byte[1], List.of(recipient));

    assertThat(recipient.arrays.get(0)).containsOnly(0);
  }

  @Test
  void decrypt_afterwards_unwrappedFileKeyIsDestroyed() throws Exception {
    var id = AgeKeys.generateX25519();
    byte[] file = Age.encrypt("v".getBytes(StandardCharsets.UTF_8), List.of(id.publicRecipient()));
    List<SecretBytes> handedOut = new ArrayList<>();
    Identity keeping =
        new Identity() {
          @Override
          public Optional<SecretBytes> unwrap(List<Stanza> stanzas) throws SealingException {
            Optional<SecretBytes> key = id.unwrap(stanzas);
            key.ifPresent(handedOut::add);
            return key;
          }

          @Override
          public Optional<Recipient> recipient() {
            return id.recipient();
          }
        };

    assertThat(Age.decrypt(file, List.of(keeping)).toByteArray())
        .isEqualTo("v".getBytes(StandardCharsets.UTF_8));
    assertThat(handedOut).singleElement().satisfies(k -> assertThat(k.isDestroyed()).isTrue());
  }

  @Test
  void decrypt_scryptStanzaBesideAnother_refusedAsHeaderFailure() {
    var id = AgeKeys.generateX25519();
    byte[] fileKey = new byte[Age.FILE_KEY_SIZE];
    List<Stanza> stanzas = new ArrayList<>(id.publicRecipient().wrap(fileKey));
    stanzas.addAll(
        Scrypt.recipient(SecretBytes.copyOf("pw".getBytes(StandardCharsets.UTF_8)), 1)
            .wrap(fileKey));
    byte[] file =
        Bytes.concat(
            Header.encode(stanzas, fileKey),
            Payload.insecureEncryptWithNonce(fileKey, new byte[Payload.NONCE_SIZE], new byte[1]));

    // The X25519 stanza alone would open it; age refuses any file whose scrypt stanza is not alone.
    assertThatThrownBy(() -> Age.decrypt(file, List.of(id)))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.HEADER))
        .hasMessageContaining("scrypt stanza must be the only one");
  }

  @Test
  void limits_outOfRange_refusedAndEdgesAccepted() {
    assertThatThrownBy(() -> new Age.Limits(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Age.Limits(Integer.MAX_VALUE - 7L, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Age.Limits(0, 0)).isInstanceOf(IllegalArgumentException.class);

    assertThat(new Age.Limits(0, 1).maxStanzas()).isEqualTo(1);
    assertThat(new Age.Limits(Integer.MAX_VALUE - 8L, 1).maxPlaintextLength())
        .isEqualTo(Integer.MAX_VALUE - 8L);
  }

  @Test
  void decryptWithinLimits_plaintextAtLimitOpensAndOneByteMoreRefused() throws Exception {
    var id = AgeKeys.generateX25519();
    Age.Limits tenBytes = new Age.Limits(10, 1);

    byte[] atLimit = Age.encrypt(new byte[10], List.of(id.publicRecipient()));
    assertThat(Age.decrypt(atLimit, List.of(id), tenBytes).size()).isEqualTo(10);

    byte[] over = Age.encrypt(new byte[11], List.of(id.publicRecipient()));
    assertThatThrownBy(() -> Age.decrypt(over, List.of(id), tenBytes))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.SIZE));
  }

  @Test
  void decryptWithinLimits_armoredFile_refusedAsArmor() {
    var id = AgeKeys.generateX25519();
    byte[] armored =
        Armor.encode(Age.encrypt(new byte[1], List.of(id.publicRecipient())))
            .getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> Age.decrypt(armored, List.of(id), new Age.Limits(10, 1)))
        .isInstanceOfSatisfying(
            MalformedException.class,
            e -> assertThat(e.part()).isEqualTo(MalformedException.Part.ARMOR));
  }

  @Test
  void decryptIntoSink_armoredFile_decodedFirst() throws Exception {
    var id = AgeKeys.generateX25519();
    byte[] armored =
        Armor.encode(
                Age.encrypt("v".getBytes(StandardCharsets.UTF_8), List.of(id.publicRecipient())))
            .getBytes(StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();

    Age.decrypt(armored, List.of(id), sink);
    assertThat(sink.toByteArray()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] payloadNonce(byte[] file) {
    try {
      int offset = Header.parse(file).payloadOffset();
      return Arrays.copyOfRange(file, offset, offset + Payload.NONCE_SIZE);
    } catch (MalformedException e) {
      throw new AssertionError(e);
    }
  }

  /** Wraps like {@code delegate} and keeps each file key it was handed: the array and a copy. */
  private static final class KeyCapturingRecipient implements Recipient {
    private final Recipient delegate;
    final List<byte[]> arrays = new ArrayList<>();
    final List<byte[]> copies = new ArrayList<>();

    KeyCapturingRecipient(Recipient delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) {
      arrays.add(fileKey);
      copies.add(fileKey.clone());
      return delegate.wrap(fileKey);
    }

    @Override
    public String encoded() {
      return delegate.encoded();
    }
  }
}
