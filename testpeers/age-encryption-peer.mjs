// A tiny command line over the npm age-encryption package (the TypeScript age by the age author),
// so Java tests can drive it as an interop peer:
//   node age-encryption-peer.mjs encrypt RECIPIENT... < plaintext > age-file
//   node age-encryption-peer.mjs decrypt IDENTITY...  < age-file  > plaintext
//   node age-encryption-peer.mjs keygen [pq]          prints "identity recipient"
import * as age from "age-encryption";

const readStdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
};

const [command, ...args] = process.argv.slice(2);
if (command === "encrypt") {
  const e = new age.Encrypter();
  for (const r of args) e.addRecipient(r);
  process.stdout.write(await e.encrypt(await readStdin()));
} else if (command === "decrypt") {
  const d = new age.Decrypter();
  for (const i of args) d.addIdentity(i);
  process.stdout.write(await d.decrypt(await readStdin()));
} else if (command === "keygen") {
  const identity = args[0] === "pq" ? await age.generateHybridIdentity() : await age.generateX25519Identity();
  const recipient = await age.identityToRecipient(identity);
  process.stdout.write(identity + " " + recipient + "\n");
} else {
  console.error("usage: age-encryption-peer.mjs encrypt|decrypt|keygen ...");
  process.exit(2);
}
