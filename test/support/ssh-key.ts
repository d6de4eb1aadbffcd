// An ed25519 private key for tests, in OpenSSH format. ssh2's generateKeyPairSync now and then (about 1 in 400 here)
// writes an ed25519 key that its own parser then calls "Malformed OpenSSH private key": a test that used such a key
// failed at random. Only keys that ssh2 reads back are handed out.
import ssh2 from 'ssh2';

export function ed25519PrivateKey(): string {
  for (;;) {
    const key = ssh2.utils.generateKeyPairSync('ed25519').private;
    if (!(ssh2.utils.parseKey(key) instanceof Error)) return key;
  }
}
