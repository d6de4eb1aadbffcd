// get_url on a lab host against Ansible's, fetching from the lab HTTP server on the controller: same recap, exit code and files, first run and rerun.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansiblePlaybook, kplay, parseRecap } from './support/cli.js';
import { AUTH, controllerAddressFor, startHttpServer, type LabHttpServer } from './support/http-server.js';
import { labSsh, useLab } from './support/lab.js';

const CONTENT = 'release 1.2\n';
const SHA256 = createHash('sha256').update(CONTENT).digest('hex');

function playbook(base: string): string {
  return `- hosts: h1
  gather_facts: false
  tasks:
    - name: a plain file
      get_url: { url: "${base}/files/app.tgz", dest: "{{ d }}/app.tgz", mode: "0640" }
    - name: into a directory, after a redirect
      get_url: { url: "${base}/redirect/app.tgz", dest: "{{ d }}/sub/" }
    - name: with its checksum
      get_url: { url: "${base}/files/app.tgz", dest: "{{ d }}/checked.tgz", checksum: "sha256:${SHA256}" }
    - name: with basic auth
      get_url: { url: "${base}/auth", dest: "{{ d }}/secret", url_username: "${AUTH.user}", url_password: '${AUTH.password}', force_basic_auth: true }
    - name: a 404
      get_url: { url: "${base}/files/missing", dest: "{{ d }}/missing" }
      ignore_errors: true
    - name: a wrong checksum
      get_url: { url: "${base}/files/app.tgz", dest: "{{ d }}/bad.tgz", checksum: "sha256:${'0'.repeat(64)}" }
      ignore_errors: true
    - name: an older file to replace
      copy: { content: "old\\n", dest: "{{ d }}/bk.tgz", mode: "0600" }
    - name: replaced, with a backup
      get_url: { url: "${base}/files/app.tgz", dest: "{{ d }}/bk.tgz", backup: true }
      register: bk
    - name: the backup holds the old file
      assert: { that: ["bk.backup_file is match('.*/bk[.]tgz[.][0-9]+[.][0-9-]+@[0-9:]+~$')"] }
`;
}

function uriPlaybook(base: string): string {
  return `- hosts: h1
  gather_facts: false
  tasks:
    - name: a JSON GET
      uri: { url: "${base}/json", headers: { X-Kplay: "a \\"quoted\\" value" } }
      register: j
    - name: the JSON was parsed
      assert: { that: ["j.json.ok", "j.status == 200", "j.json.header == 'a \\"quoted\\" value'", "not j.redirected", "j.content_type == 'application/json'"] }
    - name: a JSON POST
      uri: { url: "${base}/json", method: POST, body_format: json, body: { name: "$(reboot)" }, return_content: true }
      register: p
    - name: the body arrived as sent
      assert: { that: ["(p.json.body | from_json).name == '$(reboot)'", "p.json.method == 'POST'", "p.content | length > 0"] }
    - name: an expected 404
      uri: { url: "${base}/status/404", status_code: [404] }
    - name: an unexpected 500
      uri: { url: "${base}/status/500" }
      ignore_errors: true
    - name: basic auth, saved to dest
      uri: { url: "${base}/auth", user: "${AUTH.user}", password: '${AUTH.password}', force_basic_auth: true, dest: "{{ d }}/uri-secret" }
    - name: a redirect followed
      uri: { url: "${base}/redirect/app.tgz", return_content: true }
      register: rd
    - name: it was redirected
      assert: { that: ["rd.redirected", "rd.content == 'release 1.2\\n'"] }
    - name: saved to dest with the file common arguments
      uri: { url: "${base}/files/app.tgz", dest: "{{ d }}/uri-app", mode: "0640", owner: nobody, group: "0" }
    - name: the body read from a controller file (src)
      uri: { url: "${base}/json", method: POST, src: payload.txt, body_format: raw, return_content: true }
      register: up
    - name: a host file as the body (src, remote_src)
      uri: { url: "${base}/json", method: PUT, src: "{{ d }}/uri-app", remote_src: true }
      register: rs
    - name: both bodies arrived
      assert: { that: ["up.json.body == 'payload 1\\n'", "up.json.method == 'POST'", "rs.json.body == 'release 1.2\\n'", "rs.json.method == 'PUT'"] }
    - name: a host src that is missing
      uri: { url: "${base}/json", method: PUT, src: "{{ d }}/none", remote_src: true }
      ignore_errors: true
`;
}

const FILES = (d: string): string =>
  `cd ${d} && for f in app.tgz sub/app.tgz checked.tgz secret missing bad.tgz bk.tgz; do if [ -e "$f" ]; then echo "$f $(stat -c %a "$f") $(sha256sum < "$f")"; else echo "$f absent"; fi; done; for b in bk.tgz.*~; do echo "backup $(stat -c %a "$b") $(cat "$b")"; done`;

describe('net modules against ansible on a lab host', () => {
  let server: LabHttpServer | undefined;
  let pb = '';
  let uriPb = '';
  const lab = useLab({
    name: 'netmods',
    count: 1,
    ready: async (info) => {
      server = await startHttpServer(controllerAddressFor(info.hosts[0]?.address ?? ''));
      server.put('app.tgz', CONTENT);
      pb = join(mkdtempSync(join(tmpdir(), 'net-pb-')), 'pb.yml');
      writeFileSync(pb, playbook(server.base));
      uriPb = join(pb, '..', 'uri.yml');
      writeFileSync(uriPb, uriPlaybook(server.base));
      mkdirSync(join(pb, '..', 'files'));
      writeFileSync(join(pb, '..', 'files', 'payload.txt'), 'payload 1\n');
      const r = await labSsh(info, 'h1', 'rm -rf /srv/na /srv/nk && mkdir -p /srv/na/sub /srv/nk/sub');
      expect(r.code, r.stderr).toBe(0);
    },
    cleanup: () => server?.stop(),
  });

  it('a lab host reaches the server (python3: EL8 lab hosts have no curl)', async () => {
    const r = await labSsh(lab.info(), 'h1', `python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' ${server?.base ?? ''}/files/app.tgz`);
    expect(r.stdout).toBe(CONTENT);
  });

  it('get_url: the same recap, exit code and files as ansible-playbook, first run and rerun', async () => {
    for (const round of ['first', 'rerun']) {
      const a = await ansiblePlaybook(['-i', lab.inventory, pb, '-e', 'd=/srv/na']);
      const k = await kplay('run', '-i', lab.inventory, pb, '-e', 'd=/srv/nk');
      expect(parseRecap(k.stdout), `${round}\n${k.stdout}\n--- ansible\n${a.stdout}`).toEqual(parseRecap(a.stdout));
      expect(k.code, round).toBe(a.code);
    }
    const fa = await labSsh(lab.info(), 'h1', FILES('/srv/na'));
    const fk = await labSsh(lab.info(), 'h1', FILES('/srv/nk'));
    expect(fk.stdout).toBe(fa.stdout);
    expect(fk.stdout).toContain(`app.tgz 640 ${SHA256}`);
    expect(fk.stdout).toContain('backup 600 old\nbackup 600 old\n');
  });

  it('uri: the same recap and exit code as ansible-playbook, first run and rerun, and the same saved body', async () => {
    for (const round of ['first', 'rerun']) {
      const a = await ansiblePlaybook(['-i', lab.inventory, uriPb, '-e', 'd=/srv/na']);
      const k = await kplay('run', '-i', lab.inventory, uriPb, '-e', 'd=/srv/nk');
      expect(parseRecap(k.stdout), `${round}\n${k.stdout}\n--- ansible\n${a.stdout}`).toEqual(parseRecap(a.stdout));
      expect(parseRecap(k.stdout).h1?.failed, k.stdout).toBe(0);
      expect(k.code, round).toBe(a.code);
    }
    const read = (d: string): string => `cat ${d}/uri-secret && stat -c '%a %U %g' ${d}/uri-app && cat ${d}/uri-app`;
    const fa = await labSsh(lab.info(), 'h1', read('/srv/na'));
    const fk = await labSsh(lab.info(), 'h1', read('/srv/nk'));
    expect(fk.stdout).toBe(`secret\n640 nobody 0\n${CONTENT}`);
    expect(fk.stdout).toBe(fa.stdout);
  });
});
