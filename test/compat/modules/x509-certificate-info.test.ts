// x509_certificate_info's reading of certificates against community.crypto.x509_certificate_info itself: openssl
// makes certificates of several kinds (EC and RSA, a CA, DER, names of every kind, access URIs, must-staple, an
// Ed25519 key), Ansible's module reads each on localhost, and kplay's plan must return the same values.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanContext } from '../../../modules/contract.js';
import { x509CertificateInfoModule as module } from '../../../modules/x509_certificate_info.js';
import { runTool } from '../support/tool-run.js';

interface Cert {
  readonly name: string;
  /** openssl req arguments after -x509 -nodes -keyout KEY -out CERT */
  readonly req: readonly string[];
  readonly der?: boolean;
}

const CERTS: Cert[] = [
  {
    name: 'an EC server certificate with names of every common kind',
    req: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-days', '30', '-subj', '/C=DE/ST=Berlin/O=Acme, Inc./OU=Ops/CN=web.example/emailAddress=ops@example.com', '-set_serial', '4660',
      '-addext', 'subjectAltName=DNS:web.example,DNS:*.web.example,IP:10.0.0.1,IP:2001:db8::1,IP:::1,email:a@b.c,URI:https://x.y/,RID:1.2.3.4,dirName:dir_sect,otherName:1.2.3.5;UTF8:hello',
      '-addext', 'keyUsage=critical,digitalSignature,keyAgreement,encipherOnly', '-addext', 'extendedKeyUsage=serverAuth,clientAuth,codeSigning,1.2.3.99',
      '-addext', 'authorityInfoAccess=OCSP;URI:http://ocsp.example/,caIssuers;URI:http://ca.example/ca.crt', '-addext', 'tlsfeature=status_request', '-addext', 'basicConstraints=CA:FALSE'],
  },
  { name: 'an RSA CA with a long serial and a path length', req: ['-newkey', 'rsa:2048', '-days', '3650', '-subj', '/CN=Example Root CA/O=Example', '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:1', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'] },
  { name: 'the same kind of certificate as DER', req: ['-newkey', 'rsa:2048', '-days', '10', '-subj', '/DC=org/DC=example/CN=der'], der: true },
  { name: 'an Ed25519 certificate without extensions', req: ['-newkey', 'ed25519', '-days', '400', '-subj', '/CN=ed/serialNumber=42/title=T', '-addext', 'subjectKeyIdentifier=none', '-addext', 'authorityKeyIdentifier=none', '-addext', 'basicConstraints=critical,CA:FALSE'] },
];

const VALID_AT = { tomorrow: '+1d', long_ago: '20000101000000Z', in_a_year: '+52w', minutes: '202601010000Z' };

const CONFIG = `[req]\ndistinguished_name = dn\n[dn]\n[dir_sect]\nC = UK\nO = My, Org\nCN = \\\\#me+x;y\n`;

/** Python's big ints survive as strings (JSON.parse would round them); bigints are compared the same way. */
function comparable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : typeof v === 'number' && !Number.isSafeInteger(v) && Number.isInteger(v) ? String(v) : v)));
}

const NOISE = new Set(['changed', 'failed', 'ansible_facts', 'invocation']);

describe("x509_certificate_info agrees with community.crypto.x509_certificate_info's own results", () => {
  const dir = mkdtempSync(join(tmpdir(), 'x509-compat-'));
  const config = join(dir, 'openssl.cnf');
  const theirs: Record<string, unknown>[] = [];
  beforeAll(async () => {
    writeFileSync(config, CONFIG);
    CERTS.forEach((c, i) => {
      const pem = join(dir, `cert${i}.pem`);
      execFileSync('openssl', ['req', '-config', config, '-x509', '-nodes', '-keyout', join(dir, `key${i}.pem`), '-out', pem, ...c.req], { stdio: 'pipe' });
      if (c.der) execFileSync('openssl', ['x509', '-in', pem, '-outform', 'DER', '-out', join(dir, `cert${i}.der`)]);
    });
    const tasks = CERTS.map((c, i) => ({ 'community.crypto.x509_certificate_info': { path: join(dir, c.der ? `cert${i}.der` : `cert${i}.pem`), valid_at: VALID_AT }, register: `r${i}` }));
    const report = join(dir, 'results.json');
    const collect = { copy: { dest: report, content: `{{ [${CERTS.map((_, i) => `r${i}`).join(', ')}] | to_json }}` } };
    const pb = join(dir, 'pb.yml');
    writeFileSync(pb, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [...tasks, collect] }]));
    const r = await runTool(['ansible-playbook', '-i', 'localhost,', '-c', 'local', pb]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // integers of 16 digits and more become strings before JSON.parse can round them
    theirs.push(...(JSON.parse(readFileSync(report, 'utf8').replace(/(:\s*)(-?\d{16,})(?=[,}\]])/g, '$1"$2"')) as Record<string, unknown>[]));
  }, 300_000);

  it.each(CERTS.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const c = CERTS[i];
    if (c === undefined) throw new Error('no case');
    const path = join(dir, c.der ? `cert${i}.der` : `cert${i}.pem`);
    const read = { stdout: `content\n${readFileSync(path).toString('base64')}`, stderr: '', code: 0 };
    const params = { path, valid_at: VALID_AT, name_encoding: 'ignore', select_crypto_backend: 'auto' } as const;
    const plan = module.plan(params, { read }, {} as PlanContext);
    expect(plan.kind, plan.kind === 'fail' ? plan.msg : '').toBe('ok');
    const mine = comparable(plan.data) as Record<string, unknown>;
    const expected = Object.fromEntries(Object.entries(theirs[i] ?? {}).filter(([k]) => !NOISE.has(k)));
    expect(mine).toEqual(expected);
  });

  it('content as PEM gives what the path gives', () => {
    const pem = readFileSync(join(dir, 'cert0.pem'), 'utf8');
    const plan = module.plan({ content: pem, name_encoding: 'ignore', select_crypto_backend: 'auto' }, {}, {} as PlanContext);
    const expected = Object.fromEntries(Object.entries(theirs[0] ?? {}).filter(([k]) => !NOISE.has(k) && k !== 'valid_at'));
    expect(comparable(plan.data)).toEqual({ ...expected, valid_at: {} });
  });
});
