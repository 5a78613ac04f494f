package dev.sealwright.age;

import java.util.List;

/**
 * One recipient stanza of an age header: a type, arguments and a body (the wrapped file key).
 *
 * @param type the stanza type, such as {@code X25519} or {@code mlkem768x25519}
 * @param args the arguments after the type, each a non-empty string of printable ASCII
 * @param body the decoded body bytes
 */
public record Stanza(String type, List<String> args, byte[] body) {
  public Stanza {
    args = List.copyOf(args);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
