// community.crypto's openssh_keypair and x509_certificate_info against ansible-playbook on Debian lab hosts:
// ansible-playbook on h1, kplay on h2, first run and rerun; the recaps, exit codes, the files left and the registered
// values must agree. Keys and certificates are random per host, so what the hosts hold is compared by shape, and
// each host's registered fingerprints and dates are checked against what ssh-keygen and openssl say there.
// Ansible's modules need python3-cryptography on the host (the playbook installs it; kplay does not need it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { useLab } from './support/lab.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: [python3-cryptography, openssl] }
    - file: { path: /root/kp, state: directory }
    - name: a new RSA key pair
      openssh_keypair: { path: /root/kp/id_rsa, size: 2048, comment: lab }
      register: k1
    - name: the same again - ok
      community.crypto.openssh_keypair: { path: /root/kp/id_rsa, size: 2048, comment: lab }
      register: k2
    - name: another size - regenerated
      openssh_keypair: { path: /root/kp/id_rsa, size: 3072, comment: lab }
      register: k3
    - name: another comment and mode - no new key
      openssh_keypair: { path: /root/kp/id_rsa, size: 3072, comment: deploy, mode: "0400", owner: nobody }
      register: k4
    - name: a key of another type is replaced by an ed25519 one
      openssh_keypair: { path: /root/kp/id_rsa, type: ed25519 }
      register: k5
    - name: regenerate fail refuses another type
      openssh_keypair: { path: /root/kp/id_rsa, type: ecdsa, regenerate: fail }
      ignore_errors: true
    - name: check mode predicts a regeneration
      openssh_keypair: { path: /root/kp/id_rsa, type: ecdsa, size: 384 }
      check_mode: true
      register: k6
    - openssh_keypair: { path: /root/kp/gone, type: ecdsa }
    - name: the public key file is written again when it is missing
      file: { path: /root/kp/gone.pub, state: absent }
    - openssh_keypair: { path: /root/kp/gone, type: ecdsa }
      register: k7
    - name: absent
      openssh_keypair: { path: /root/kp/gone, state: absent }
      register: k8
    - name: a certificate made with openssl
      command: >-
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 400 -set_serial 4242
        -keyout /root/kp/cert.key -out /root/kp/cert.pem -subj "/C=DE/O=Lab, Inc./CN=lab.example"
        -addext "subjectAltName=DNS:lab.example,IP:192.0.2.1" -addext "keyUsage=critical,digitalSignature"
        -addext "extendedKeyUsage=serverAuth,clientAuth"
      args: { creates: /root/kp/cert.pem }
    - community.crypto.x509_certificate_info:
        path: /root/kp/cert.pem
        valid_at: { tomorrow: "+1d", in_two_years: "+104w", long_ago: "20000101000000Z" }
      register: c1
    - slurp: { src: /root/kp/cert.pem }
      register: pem
    - name: the content, under the short name Ansible routes to the module
      openssl_certificate_info: { content: "{{ pem.content | b64decode }}" }
      register: c2
    - copy:
        dest: /root/kp/results
        content: |
          {% for k in [k1, k2, k3, k4, k5, k6, k7, k8] %}
          {{ k.changed }} {{ k.size }} {{ k.type }} {{ k.filename }} [{{ k.comment }}] {{ k.fingerprint[:7] }} {{ (k.public_key.split(' ') | first) or '-' }}
          {% endfor %}
          key_fingerprint {{ k5.fingerprint }}
          {% for key in ['subject', 'subject_ordered', 'issuer', 'serial_number', 'subject_alt_name', 'key_usage', 'key_usage_critical', 'extended_key_usage', 'basic_constraints', 'signature_algorithm', 'public_key_type', 'version', 'expired', 'valid_at', 'ocsp_uri'] %}
          {{ key }} {{ c1[key] | to_json }}
          {% endfor %}
          not_after {{ c1.not_after }}
          cert_sha256 {{ c1.fingerprints.sha256 }}
          content_same {{ c1.fingerprints == c2.fingerprints and c1.subject == c2.subject }}
`;

// what each host holds: the files and modes, the key's ssh-keygen view, the certificate's openssl view
const STATE = [
  "stat -c '%n %a %U' /root/kp/id_rsa /root/kp/id_rsa.pub; ls -A /root/kp",
  "ssh-keygen -l -f /root/kp/id_rsa | awk '{print \"keygen\", $1, $2, $NF}'",
  'openssl x509 -in /root/kp/cert.pem -noout -enddate -fingerprint -sha256',
  'cat /root/kp/results',
].join('; ');

/** openssl's "notAfter=Jan  9 03:04:05 2028 GMT" as ASN.1 TIME. */
function asn1(opensslDate: string): string {
  const d = new Date(`${opensslDate.replace(/ GMT$/, '')} UTC`);
  return d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** The lines that must agree between the hosts: everything but the random keys' and certificate's values. */
function shape(state: string): string {
  return state
    .split('\n')
    .filter((l) => !/^(keygen |notAfter=|sha256 Fingerprint=|key_fingerprint |not_after |cert_sha256 )/.test(l))
    .join('\n');
}

/** On one host: the registered fingerprint and dates are what ssh-keygen and openssl say about the files. */
function checkHost(state: string): void {
  const line = (prefix: string): string => state.split('\n').find((l) => l.startsWith(prefix))?.slice(prefix.length) ?? '(none)';
  const [, keygenFingerprint, keygenType] = line('keygen ').split(' ');
  expect(line('keygen ')).toMatch(/^256 SHA256:/);
  expect(keygenType).toBe('(ED25519)');
  expect(line('key_fingerprint ')).toBe(keygenFingerprint);
  expect(line('not_after ')).toBe(asn1(line('notAfter=')));
  expect(line('cert_sha256 ')).toBe(line('sha256 Fingerprint=').toLowerCase());
}

describe('crypto modules against ansible on Debian lab hosts', () => {
  const lab = useLab({ name: 'crypto', count: 2, os: 'debian12' });
  const dir = mkdtempSync(join(tmpdir(), 'crypto-pb-'));

  it('openssh_keypair and x509_certificate_info: the same recap, exit code, files and registered values as ansible-playbook, first run and rerun', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'crypto.yml'), PLAYBOOK, STATE);
    expect(shape(kplay)).toBe(shape(ansible));
    checkHost(ansible);
    checkHost(kplay);
    // the rerun's values: the key regenerated to 2048 bits, then again as asked, the comment and mode kept
    expect(kplay).toContain('/root/kp/id_rsa 400 nobody\n/root/kp/id_rsa.pub 400 nobody\n');
    expect(kplay).toContain('True 256 ed25519 /root/kp/id_rsa [] SHA256: ssh-ed25519\n');
    expect(kplay).toContain('True 256 ecdsa /root/kp/gone [] SHA256: ecdsa-sha2-nistp256\n');
    // absent reports the removed key, with the default size and type as Ansible does
    expect(kplay).toContain('True 4096 rsa /root/kp/gone [] SHA256: ecdsa-sha2-nistp256\n');
    expect(kplay).toContain('subject_alt_name ["DNS:lab.example", "IP:192.0.2.1"]\n');
    expect(kplay).toContain('valid_at {"tomorrow": true, "in_two_years": false, "long_ago": false}\n');
    expect(kplay).toContain('content_same True\n');
  });
});
