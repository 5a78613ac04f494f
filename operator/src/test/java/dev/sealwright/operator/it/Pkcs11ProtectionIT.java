package dev.sealwright.operator.it;

import dev.sealwright.operator.keys.KeyStorage;
import dev.sealwright.operator.protection.KeyProtectionException;
import dev.sealwright.operator.protection.Pkcs11Protector;
import java.util.List;

/** Key protection by a PKCS#11 token: a real SoftHSM2 token through the JDK's SunPKCS11. */
class Pkcs11ProtectionIT extends KeyProtectionContract {

  @Override
  KeyStorage storage(boolean migrate) {
    SoftHsmToken token = SoftHsmToken.get();
    return KeyStorage.protectedBy(
        open(token.sunPkcs11Config, SoftHsmToken.KEK), List.of(ESCROW.publicRecipient()), migrate);
  }

  @Override
  KeyStorage wrongKekStorage() {
    SoftHsmToken token = SoftHsmToken.get();
    // The other token holds an AES key with the same label: the same KEK name, other material.
    return KeyStorage.protectedBy(
        open(token.otherTokenConfig, SoftHsmToken.KEK), List.of(ESCROW.publicRecipient()), false);
  }

  @Override
  String wrongKekMessage() {
    return "does not open with this KEK";
  }

  private static Pkcs11Protector open(java.nio.file.Path config, String label) {
    try {
      return Pkcs11Protector.open(config, SoftHsmToken.PIN.toCharArray(), label);
    } catch (KeyProtectionException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
