// deb822_repository on a Debian 12 lab host, kplay alone: ansible-core 2.14 (what this machine's ansible-playbook is)
// has no deb822_repository (it came in 2.15), so no ansible-playbook run can be compared. What is compared instead:
// the files written are those the 2.15/2.16 module's code writes for the same arguments (the data cases,
// test/unit/modules/cases/deb822_repository.yml, carry that module's own output), and apt itself reads them: the
// lab's local repository as a .sources file (trusted, its one-line list moved away), and a repository signed with a
// fresh key served over HTTP from the controller, its key given as a URL (downloaded by the host into
// /etc/apt/keyrings), inline, and as a key file; `apt-get update` (the apt module's update_cache) must succeed after
// each, the rerun is ok, and state absent removes the files.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kplayJson } from './support/cli.js';
import { controllerAddressFor, startHttpServer, type LabHttpServer } from './support/http-server.js';
import { makeTestKey } from './support/gpg-key.js';
import { useLab } from './support/lab.js';
import { onHost, resultOf, statusLines } from './support/modules.js';

interface SigningKey {
  readonly armor: string;
  /** gpg --clearsign of a text */
  clearsign(text: string): string;
  dispose(): void;
}

/** A fresh signing key in a temp GNUPGHOME on the controller, kept until dispose(). */
function makeSigningKey(): SigningKey {
  const home = mkdtempSync(join(tmpdir(), 'kplay-deb822-gpg-'));
  const env = { ...process.env, GNUPGHOME: home };
  execFileSync('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', 'kplay deb822 <deb822@kplay.invalid>', 'rsa2048', 'sign', 'never'], { env, stdio: 'ignore' });
  return {
    armor: execFileSync('gpg', ['--armor', '--export'], { env, encoding: 'utf8' }),
    clearsign: (text) => execFileSync('gpg', ['--batch', '--yes', '--clearsign', '--digest-algo', 'SHA256', '-o', '-'], { env, input: text, encoding: 'utf8' }),
    dispose: () => {
      execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env, stdio: 'ignore' });
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A flat repository's InRelease for its Packages file. */
function inRelease(key: SigningKey, packages: string): string {
  const sha = createHash('sha256').update(packages).digest('hex');
  return key.clearsign(`Origin: kplay\nLabel: kplay deb822\nDate: ${new Date().toUTCString()}\nSHA256:\n ${sha} ${Buffer.byteLength(packages)} Packages\n`);
}

const LAB_SOURCES = 'X-Repolib-Name: kplay lab\nURIs: file:/srv/kplay-debrepo\nSuites: ./\nTrusted: yes\nTypes: deb\n';

const playbook = (tasks: string): string => `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks}`;

const UPDATE = `    - name: apt reads the sources
      apt: { update_cache: true }
`;

const LAB_REPO = playbook(`    - name: the lab repository as a deb822 source
      deb822_repository: { name: kplay lab, uris: "file:/srv/kplay-debrepo", suites: ./, trusted: true }
    - name: its one-line list moved away
      command: mv /etc/apt/sources.list.d/kplay-lab.list /root/kplay-lab.list.off
      args: { removes: /etc/apt/sources.list.d/kplay-lab.list }
${UPDATE}`);

const URL_KEY = playbook(`    - name: signed, the key from a URL
      deb822_repository: { name: KP_Signed, types: deb, uris: "{{ srv }}/files/", suites: ./, signed_by: "{{ srv }}/files/key.asc" }
      register: url_key
${UPDATE}`);

const INLINE_KEY = playbook(`    - name: the URL one removed, key file too
      deb822_repository: { name: KP_Signed, state: absent }
    - name: signed, the key inline
      deb822_repository: { name: kp-inline, uris: "{{ srv }}/files/", suites: ./, signed_by: "{{ key }}" }
${UPDATE}`);

const FILE_KEY = playbook(`    - name: the inline one removed
      deb822_repository: { name: kp-inline, state: absent }
    - name: the key as a file on the host
      copy: { content: "{{ key }}", dest: /root/kp-key.asc }
    - name: signed, the key a file
      deb822_repository: { name: kp-file, uris: "{{ srv }}/files/", suites: ./, components: [], signed_by: /root/kp-key.asc, mode: "0600" }
${UPDATE}`);

const ALL_ABSENT = playbook(`    - deb822_repository: { name: kp-file, state: absent }
    - deb822_repository: { name: kplay lab, state: absent }
    - name: the lab's list back
      command: mv /root/kplay-lab.list.off /etc/apt/sources.list.d/kplay-lab.list
      args: { removes: /root/kplay-lab.list.off }
`);

const WRONG_KEY = playbook(`    - name: signed, but by another key than the one given
      deb822_repository: { name: kp-wrong, uris: "{{ srv }}/files/", suites: ./, signed_by: "{{ other }}" }
    - name: apt refuses it
      apt: { update_cache: true }
      ignore_errors: true
    - deb822_repository: { name: kp-wrong, state: absent }
`);

const SOURCES_STATE = 'cd /etc/apt && for f in sources.list.d/* keyrings/*; do [ -e "$f" ] && echo "== $f $(stat -c %a "$f")"; done; true';

describe('deb822_repository on a Debian lab host (no ansible-playbook to compare: 2.14 lacks the module)', () => {
  let server: LabHttpServer | undefined;
  let key: SigningKey | undefined;
  const lab = useLab({
    name: 'deb822',
    count: 1,
    os: 'debian12',
    ready: async (info) => {
      server = await startHttpServer(controllerAddressFor(info.hosts[0]?.address ?? ''));
      key = makeSigningKey();
      const packages = await onHost(info, 'h1', 'cat /srv/kplay-debrepo/Packages');
      const text = `${packages}\n`;
      server.put('Packages', text);
      server.put('InRelease', inRelease(key, text));
      server.put('key.asc', key.armor);
    },
    cleanup: async () => {
      key?.dispose();
      await server?.stop();
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'deb822-pb-'));
  const other = makeTestKey('kplay-deb822-other').armor;
  const host = () => lab.info();
  const run = async (name: string, text: string, extra: readonly string[] = []) => {
    const pb = join(dir, name);
    writeFileSync(pb, text);
    const vars = join(dir, 'vars.json');
    writeFileSync(vars, JSON.stringify({ srv: server?.base ?? '', key: key?.armor ?? '', other }));
    return kplayJson('-i', lab.inventory, '-e', `@${vars}`, ...extra, pb);
  };
  /** first run changed (and apt-get update succeeded), rerun ok but for the update, which apt's module may count */
  const twice = async (name: string, text: string, changedFirst: number) => {
    const first = await run(name, text);
    expect(first.code, statusLines(first, 'h1').join('\n') + first.stderr).toBe(0);
    expect(first.recap.h1?.changed, statusLines(first, 'h1').join('\n')).toBeGreaterThanOrEqual(changedFirst);
    const again = await run(name, text);
    expect(again.code, statusLines(again, 'h1').join('\n')).toBe(0);
    const changed = statusLines(again, 'h1').filter((l) => l.endsWith(': changed') && !l.startsWith('apt reads the sources'));
    expect(changed, 'rerun').toEqual([]);
    return first;
  };

  it('the lab repository as .sources (trusted), its list moved away: apt-get update reads it; the rerun is ok', async () => {
    await twice('lab-repo.yml', LAB_REPO, 2);
    expect(await onHost(host(), 'h1', 'cat /etc/apt/sources.list.d/kplay-lab.sources; stat -c %a /etc/apt/sources.list.d/kplay-lab.sources')).toBe(`${LAB_SOURCES}644`);
    expect(await onHost(host(), 'h1', 'ls /etc/apt/sources.list.d')).toBe('kplay-lab.sources');
    expect(await onHost(host(), 'h1', 'apt-cache policy hello')).toContain('file:/srv/kplay-debrepo ./ Packages');
  });

  it('check mode predicts a new source and writes nothing', async () => {
    const r = await run('url-key.yml', URL_KEY, ['--check']);
    expect(r.code, statusLines(r, 'h1').join('\n')).toBe(0);
    expect(resultOf(r, 'h1', 'signed, the key from a URL').status).toBe('changed');
    expect(await onHost(host(), 'h1', 'ls /etc/apt/sources.list.d; ls /etc/apt/keyrings 2>&1')).not.toContain('kp-signed');
  });

  it('signed_by a URL: the host downloads the key into /etc/apt/keyrings/NAME.asc; apt verifies the signed repository with it', async () => {
    const first = await twice('url-key.yml', URL_KEY, 1);
    const detail = resultOf(first, 'h1', 'signed, the key from a URL').detail ?? {};
    const srv = server?.base ?? '';
    const want = `X-Repolib-Name: KP_Signed\nTypes: deb\nURIs: ${srv}/files/\nSuites: ./\nSigned-By: /etc/apt/keyrings/kp-signed.asc\n`;
    expect(detail).toMatchObject({ repo: want, dest: '/etc/apt/sources.list.d/kp-signed.sources', key_filename: '/etc/apt/keyrings/kp-signed.asc' });
    expect(await onHost(host(), 'h1', 'cat /etc/apt/sources.list.d/kp-signed.sources')).toBe(want.trimEnd());
    expect(await onHost(host(), 'h1', 'cat /etc/apt/keyrings/kp-signed.asc')).toBe(key?.armor.trimEnd());
    expect(await onHost(host(), 'h1', SOURCES_STATE)).toBe('== sources.list.d/kp-signed.sources 644\n== sources.list.d/kplay-lab.sources 644\n== keyrings/kp-signed.asc 644');
    expect(await onHost(host(), 'h1', 'apt-cache policy hello')).toContain(`${srv}/files`);
    // apt keeps the InRelease of a repository whose signature it verified
    expect(await onHost(host(), 'h1', 'ls /var/lib/apt/lists')).toMatch(/_files_\._InRelease$/m);
  });

  it('signed_by inline: the key block in the file (" ." for its blank line); absent removed the URL source and its key', async () => {
    await twice('inline-key.yml', INLINE_KEY, 2);
    const file = await onHost(host(), 'h1', 'cat /etc/apt/sources.list.d/kp-inline.sources');
    expect(file).toMatch(/^X-Repolib-Name: kp-inline\nURIs: \S+\nSuites: \.\/\nSigned-By:\n {4}-----BEGIN PGP PUBLIC KEY BLOCK-----\n {4}\.\n {4}\S/);
    expect(file).toMatch(/\n {4}-----END PGP PUBLIC KEY BLOCK-----\nTypes: deb$/);
    expect(await onHost(host(), 'h1', SOURCES_STATE)).toBe('== sources.list.d/kp-inline.sources 644\n== sources.list.d/kplay-lab.sources 644');
    expect(await onHost(host(), 'h1', 'apt-cache policy hello')).toContain(`${server?.base ?? ''}/files`);
  });

  it('signed_by a key file on the host, mode 0600: kept as its path; then everything absent and the lab as it was', async () => {
    await twice('file-key.yml', FILE_KEY, 3);
    expect(await onHost(host(), 'h1', 'cat /etc/apt/sources.list.d/kp-file.sources')).toBe(`X-Repolib-Name: kp-file\nURIs: ${server?.base ?? ''}/files/\nSuites: ./\nComponents:\nSigned-By: /root/kp-key.asc\nTypes: deb`);
    expect(await onHost(host(), 'h1', SOURCES_STATE)).toBe('== sources.list.d/kp-file.sources 600\n== sources.list.d/kplay-lab.sources 644');
    const gone = await twice('absent.yml', ALL_ABSENT, 3);
    expect(gone.recap.h1).toMatchObject({ failed: 0 });
    expect(await onHost(host(), 'h1', SOURCES_STATE)).toBe('== sources.list.d/kplay-lab.list 644');
  });

  it('Signed-By is what apt checks: the same repository with another key fails apt-get update', async () => {
    // the lists apt verified before would otherwise be kept (a warning, exit 0): without them the update must fail
    await onHost(host(), 'h1', 'rm -f /var/lib/apt/lists/*_files_*');
    const r = await run('wrong-key.yml', WRONG_KEY);
    const apt = resultOf(r, 'h1', 'apt refuses it');
    expect(apt.status, statusLines(r, 'h1').join('\n')).toBe('failed');
    expect(`${apt.msg ?? ''}${JSON.stringify(apt.detail ?? {})}`).toMatch(/NO_PUBKEY|not signed|couldn't be verified/);
    expect(await onHost(host(), 'h1', SOURCES_STATE)).toBe('== sources.list.d/kplay-lab.list 644');
  });
});
