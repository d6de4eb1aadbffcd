// uri and get_url over mutual TLS (etcd's health check in kubespray): client_cert/client_key, ca_path and
// validate_certs against an HTTPS server on the controller that requires a client certificate; ansible-playbook on h1
// and kplay on h2, side by side: the same recap, exit code, task lines and registered results, first run and rerun.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansiblePlaybook, kplay, parseRecap } from './support/cli.js';
import { controllerAddressFor } from './support/http-server.js';
import { labSsh, useLab } from './support/lab.js';
import { makeTlsFiles, startTlsServer, type LabTlsServer } from './support/tls-server.js';

const D = '/srv/tls';
const REGISTERED = ['ok_cert', 'no_cert', 'system_cas', 'other_ca', 'no_validate', 'cert_holds_key', 'missing_key', 'get_cert', 'get_no_cert'] as const;

function playbook(base: string): string {
  const cert = `client_cert: ${D}/client.pem, client_key: ${D}/client.key`;
  return `- hosts: all
  gather_facts: false
  tasks:
    - name: etcd health with the client certificate, the server verified by ca_path
      uri: { url: "${base}/health", ${cert}, ca_path: ${D}/ca.pem, return_content: true }
      register: ok_cert
    - name: no client certificate - the server refuses the handshake
      uri: { url: "${base}/health", ca_path: ${D}/ca.pem }
      register: no_cert
      ignore_errors: true
    - name: no ca_path - the system CAs do not know the lab CA
      uri: { url: "${base}/health", ${cert} }
      register: system_cas
      ignore_errors: true
    - name: a ca_path with another CA
      uri: { url: "${base}/health", ${cert}, ca_path: ${D}/other-ca.pem }
      register: other_ca
      ignore_errors: true
    - name: validate_certs false - the server is not verified, the client certificate still sent
      uri: { url: "${base}/health", ${cert}, validate_certs: false, http_agent: lab-agent }
      register: no_validate
    - name: client_cert holding the key too
      uri: { url: "${base}/health", client_cert: ${D}/client-with-key.pem, ca_path: ${D}/ca.pem }
      register: cert_holds_key
    - name: a client_key that does not exist
      uri: { url: "${base}/health", client_cert: ${D}/client.pem, client_key: ${D}/none.key, ca_path: ${D}/ca.pem }
      register: missing_key
      ignore_errors: true
    - name: get_url with the client certificate (get_url has no ca_path)
      get_url: { url: "${base}/files/release.txt", dest: ${D}/release.txt, ${cert}, validate_certs: false, mode: "0644" }
      register: get_cert
    - name: get_url without it
      get_url: { url: "${base}/files/release.txt", dest: ${D}/refused.txt, validate_certs: false }
      register: get_no_cert
      ignore_errors: true
    - name: keep the registered results
      copy: { content: "{{ [${REGISTERED.join(', ')}] | to_json }}", dest: ${D}/results.json }
`;
}

/** The task lines of a run (TASK headers and each host's status), the host's name taken out. */
function taskLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => /^TASK \[|^(ok|changed|fatal|failed|skipping): \[|^\.\.\.ignoring/.test(l))
    .map((l) => l.replace(/^(\w+): \[h\d\].*$/, '$1'));
}

/** The keys of a registered result both tools must agree on. */
const KEYS = ['changed', 'failed', 'msg', 'status', 'status_code', 'url', 'redirected', 'json', 'content', 'dest', 'content_type', 'response'] as const;
function pick(results: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return results.map((r) => Object.fromEntries(KEYS.filter((k) => k in r).map((k) => [k, r[k]])));
}

describe('uri and get_url with a client certificate, against ansible-playbook on a lab', () => {
  let server: LabTlsServer | undefined;
  let pb = '';
  const lab = useLab({
    name: 'uritls',
    count: 2,
    ready: async (info) => {
      const address = controllerAddressFor(info.hosts[0]?.address ?? '');
      const tls = makeTlsFiles(address);
      server = await startTlsServer(address, tls, { 'release.txt': 'etcd v3.5.9\n' });
      pb = join(mkdtempSync(join(tmpdir(), 'uri-tls-')), 'pb.yml');
      writeFileSync(pb, playbook(server.base));
      const files: Record<string, string> = { 'ca.pem': tls.ca, 'other-ca.pem': tls.otherCa, 'client.pem': tls.clientCert, 'client.key': tls.clientKey, 'client-with-key.pem': tls.clientCert + tls.clientKey };
      const put = Object.entries(files).map(([name, text]) => `echo ${Buffer.from(text).toString('base64')} | base64 -d > ${D}/${name}`);
      for (const host of ['h1', 'h2']) {
        const r = await labSsh(info, host, [`rm -rf ${D}`, `mkdir -p ${D}`, ...put, `chmod 600 ${D}/client.key ${D}/client-with-key.pem`].join(' && '));
        expect(r.code, r.stderr).toBe(0);
      }
    },
    cleanup: () => server?.stop(),
  });

  it('the same recap, exit code, task lines and registered results as ansible-playbook, first run and rerun', async () => {
    for (const round of ['first', 'rerun']) {
      const [a, k] = await Promise.all([ansiblePlaybook(['-i', lab.inventory, pb, '-l', 'h1']), kplay('run', '--no-live', '-i', lab.inventory, pb, '-l', 'h2')]);
      const say = `${round}\n${k.stdout}\n${k.stderr}\n--- ansible\n${a.stdout}`;
      expect(parseRecap(k.stdout).h2, say).toEqual(parseRecap(a.stdout).h1);
      expect(parseRecap(a.stdout).h1?.ok, say).toBeGreaterThan(0);
      expect(k.code, say).toBe(a.code);
      expect(taskLines(k.stdout), say).toEqual(taskLines(a.stdout));
    }
    const read = async (host: string): Promise<Record<string, unknown>[]> => JSON.parse((await labSsh(lab.info(), host, `cat ${D}/results.json`)).stdout) as Record<string, unknown>[];
    const [ra, rk] = [await read('h1'), await read('h2')];
    expect(pick(rk)).toEqual(pick(ra));
    const [okCert, noCert, systemCas, , noValidate, , missingKey, getCert, getNoCert] = rk;
    expect(okCert).toMatchObject({ status: 200, json: { health: 'true', agent: 'ansible-httpget' } });
    expect(noCert).toMatchObject({ failed: true, status: -1 });
    expect(String(noCert?.msg)).toMatch(/^Status code was -1 and not \[200\]: /);
    expect(String(systemCas?.msg)).toContain('CERTIFICATE_VERIFY_FAILED');
    expect(noValidate).toMatchObject({ status: 200, json: { agent: 'lab-agent' } });
    expect(String(missingKey?.msg)).toContain('No such file or directory');
    expect(getCert).toMatchObject({ status_code: 200 });
    expect(getNoCert).toMatchObject({ failed: true });
    const files = await labSsh(lab.info(), 'h2', `cat ${D}/release.txt; test -e ${D}/refused.txt || echo refused-absent`);
    expect(files.stdout).toBe('etcd v3.5.9\nrefused-absent\n');
  }, 600_000);
});
