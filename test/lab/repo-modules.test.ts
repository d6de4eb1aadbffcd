// yum_repository, rpm_key, unarchive on EL lab hosts against ansible-playbook: ansible-playbook on h1, kplay on h2,
// the same playbook; same recap, exit code and host state, first run and rerun.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns } from './support/compare-runs.js';
import { controllerAddressFor, startHttpServer, type LabHttpServer } from './support/http-server.js';
import { makeTestKey, type TestKey } from './support/gpg-key.js';
import { labSsh, useLab } from './support/lab.js';

const YUM_REPOSITORY = `- hosts: all
  gather_facts: false
  tasks:
    - name: a repository in its own file
      yum_repository:
        name: kp-extra
        description: "kplay extra $releasever"
        baseurl: ["http://mirror.invalid/el/$releasever/", "http://mirror2.invalid/el/"]
        gpgcheck: true
        gpgkey: http://mirror.invalid/RPM-GPG-KEY
        enabled: false
        priority: 10
        exclude: ["kernel*", "foo"]
    - name: two repositories in one file
      yum_repository: { name: "{{ item }}", description: "shared {{ item }}", mirrorlist: "http://mirror.invalid/{{ item }}", file: kp-shared, enabled: false, mode: "0600" }
      loop: [kp-a, kp-b]
    - name: one of them removed again
      yum_repository: { name: kp-a, file: kp-shared, state: absent }
    - name: one that comes and goes (its file removed)
      yum_repository: { name: kp-gone, description: gone, baseurl: "http://x.invalid/", enabled: false }
    - name: gone
      yum_repository: { name: kp-gone, state: absent }
    - name: no description
      yum_repository: { name: kp-bad, baseurl: "http://x.invalid/" }
      ignore_errors: true
    - name: check mode predicts
      yum_repository: { name: kp-never, description: never, baseurl: "http://x.invalid/" }
      check_mode: true
`;

function rpmKeyPlaybook(base: string, url: TestKey): string {
  const spaced = url.fingerprint.replace(/(.{4})/g, '$1 ').trim();
  return `- hosts: all
  gather_facts: false
  tasks:
    - name: a key from a URL, its fingerprint checked
      rpm_key: { key: "${base}/files/url.asc", fingerprint: "${spaced}" }
    - name: a key file on the host
      rpm_key: { key: /root/kp-file.asc }
    - name: the URL key again by its id - imported, ok
      rpm_key: { key: "0x${url.shortId}" }
    - name: a key id not imported, absent - ok
      rpm_key: { key: "0xDEADBEEF", state: absent }
    - name: a wrong fingerprint on a key not imported yet
      rpm_key: { key: "${base}/files/other.asc", fingerprint: "0000" }
      ignore_errors: true
    - name: a 404
      rpm_key: { key: "${base}/files/missing.asc" }
      ignore_errors: true
    - name: not a key
      rpm_key: { key: "${base}/files/not-a-key.asc" }
      ignore_errors: true
`;
}

const rpmKeyRemoval = (file: TestKey): string => `- hosts: all
  gather_facts: false
  tasks:
    - rpm_key: { key: "${file.shortId.toLowerCase()}", state: absent }
`;

const KEY_STATE = "rpm -q gpg-pubkey --qf '%{version}-%{release} %{summary}\\n' | sort";

const UNARCHIVE = `- hosts: all
  gather_facts: false
  tasks:
    - file: { path: "/srv/u/{{ item }}", state: directory }
      loop: [ctl, url, rem, ex, mode, txz, se]
    - name: a tar on the host, fetched first (an SELinux type and unsafe_writes, as roles give them; SELinux is off here)
      get_url: { url: "{{ srv }}/files/app.tar", dest: /srv/u/app.tar, setype: httpd_sys_content_t, unsafe_writes: true }
    - name: from the controller's files/, listing its files
      unarchive: { src: app.tgz, dest: /srv/u/ctl, list_files: true }
      register: r
    - assert: { that: ["'app/sub/b.txt' in r.files", "r.handler == 'TgzArchive'"] }
    - name: a URL the host downloads
      unarchive: { src: "{{ srv }}/files/app.tgz", dest: /srv/u/url, remote_src: true }
    - name: a plain tar on the host, one directory level stripped
      unarchive: { src: /srv/u/app.tar, dest: /srv/u/rem, remote_src: true, extra_opts: [--strip-components=1] }
    - name: some members excluded
      unarchive: { src: app.tgz, dest: /srv/u/ex, exclude: ["app/*.log"] }
    - name: mode and owner on every file
      unarchive: { src: app.tgz, dest: /srv/u/mode, mode: "u=rwX,g=rX,o=", owner: nobody }
    - name: an SELinux user and type for every file (nothing to do where SELinux is off, as Ansible)
      unarchive: { src: app.tgz, dest: /srv/u/se, seuser: system_u, setype: httpd_sys_content_t, mode: "0750" }
    - name: tar.xz with no xz on the host
      unarchive: { src: app.txz, dest: /srv/u/txz }
      ignore_errors: true
    - name: dest missing
      unarchive: { src: app.tgz, dest: /srv/u/nope }
      ignore_errors: true
    - name: creates exists - skipped
      unarchive: { src: app.tgz, dest: /srv/u/ctl, creates: /srv/u/ctl/app }
    - name: check mode - skipped as Ansible's tar handler is
      unarchive: { src: app.tgz, dest: /srv/u/ctl }
      check_mode: true
`;

const TREE_STATE = 'cd /srv/u && find . -path ./app.tar -prune -o -printf "%p %M %u %g %s\\n" | sort';

/** app/{a.txt,c.log,sub/b.txt} as tar.gz, tar.xz (in files/ beside the playbook) and plain tar (served). */
function makeArchives(pbDir: string, server: LabHttpServer): void {
  const src = join(pbDir, 'src');
  mkdirSync(join(src, 'app', 'sub'), { recursive: true });
  writeFileSync(join(src, 'app', 'a.txt'), 'a\n');
  writeFileSync(join(src, 'app', 'c.log'), 'c\n');
  writeFileSync(join(src, 'app', 'sub', 'b.txt'), 'b\n');
  mkdirSync(join(pbDir, 'files'));
  execFileSync('tar', ['-C', src, '-czf', join(pbDir, 'files', 'app.tgz'), 'app']);
  execFileSync('tar', ['-C', src, '-cJf', join(pbDir, 'files', 'app.txz'), 'app']);
  execFileSync('tar', ['-C', src, '-cf', join(pbDir, 'app.tar'), 'app']);
  server.put('app.tgz', readFileSync(join(pbDir, 'files', 'app.tgz')));
  server.put('app.tar', readFileSync(join(pbDir, 'app.tar')));
}

const FETCH = `- hosts: all
  gather_facts: false
  tasks:
    - copy: { content: "fetched data\\n", dest: /root/f.txt }
    - name: to fetched/HOST/root/f.txt beside the playbook
      fetch: { src: /root/f.txt, dest: fetched }
      register: f
    - assert: { that: ["f.checksum | length == 40", "f.dest is defined"] }
    - name: flat, named by host (mode, which Ansible's fetch ignores, is accepted)
      fetch: { src: /root/f.txt, dest: "flat/{{ inventory_hostname }}.txt", flat: true, mode: "0600" }
    - name: missing, ignored
      fetch: { src: /root/none, dest: fetched, fail_on_missing: false }
    - name: missing
      fetch: { src: /root/none, dest: fetched }
      ignore_errors: true
    - name: a directory
      fetch: { src: /root, dest: fetched }
      ignore_errors: true
    - name: check mode - skipped
      fetch: { src: /root/f.txt, dest: fetched }
      check_mode: true
`;

const PACKAGE_OPTIONS = `- hosts: all
  gather_facts: true
  tasks:
    - name: dnf's own options through package - only the lab repository, refreshed first
      package: { name: kplay-demo, update_cache: true, disablerepo: ["*"], enablerepo: [kplay-lab] }
    - name: dnf's switches (allowerasing, exclude, nobest, install_weak_deps) through dnf and package
      dnf: { name: kplay-demo-service, allowerasing: true, exclude: ["kplay-nothing*"], nobest: true, install_weak_deps: false }
    - package: { name: kplay-demo-service, allow_downgrade: true, skip_broken: true }
    - name: an apt-only option fails on a dnf host, as Ansible's dnf module refuses it
      package: { name: kplay-demo, cache_valid_time: 3600 }
      ignore_errors: true
    - name: an option of no manager kplay has (zypper's oldpackage) fails on a dnf host too
      package: { name: kplay-demo, oldpackage: true }
      ignore_errors: true
    - name: autoremove alone, passed to dnf
      package: { autoremove: true }
`;

const REPO_STATE = 'cd /etc/yum.repos.d && for f in kp*.repo; do echo "== $f $(stat -c %a "$f")"; cat "$f"; done';

describe('repository modules against ansible on EL lab hosts', () => {
  let server: LabHttpServer | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'repos-pb-'));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const lab = useLab({
    name: 'reposmods',
    count: 2,
    ready: async (info) => {
      server = await startHttpServer(controllerAddressFor(info.hosts[0]?.address ?? ''));
    },
    cleanup: () => server?.stop(),
  });

  it('rpm_key: the same recap, exit code and rpm keys as ansible-playbook, first run and rerun; then removed by id', async () => {
    const url = makeTestKey('kplay-url');
    const file = makeTestKey('kplay-file');
    const other = makeTestKey('kplay-other');
    server?.put('url.asc', url.armor);
    server?.put('other.asc', other.armor);
    server?.put('not-a-key.asc', 'not a key\n');
    for (const h of ['h1', 'h2']) {
      const r = await labSsh(lab.info(), h, `cat > /root/kp-file.asc <<'EOF'\n${file.armor}EOF`);
      expect(r.code, r.stderr).toBe(0);
    }
    await compareRuns(lab.inventory, write('rpm-key.yml', rpmKeyPlaybook(server?.base ?? '', url)));
    const ka = await labSsh(lab.info(), 'h1', KEY_STATE);
    const kk = await labSsh(lab.info(), 'h2', KEY_STATE);
    expect(kk.stdout).toBe(ka.stdout);
    expect(kk.stdout).toContain(`${url.shortId.toLowerCase()}-`);
    expect(kk.stdout).toContain(`${file.shortId.toLowerCase()}-`);
    expect(kk.stdout).not.toContain(other.shortId.toLowerCase());
    await compareRuns(lab.inventory, write('rpm-key-removal.yml', rpmKeyRemoval(file)));
    const after = await labSsh(lab.info(), 'h2', KEY_STATE);
    expect(after.stdout).not.toContain(file.shortId.toLowerCase());
    expect(after.stdout).toBe((await labSsh(lab.info(), 'h1', KEY_STATE)).stdout);
  });

  it('unarchive: the same recap, exit code and unpacked trees as ansible-playbook, first run and rerun (tar.gz, tar; no xz on lab hosts)', async () => {
    if (server === undefined) throw new Error('no server');
    makeArchives(dir, server);
    await compareRuns(lab.inventory, write('unarchive.yml', UNARCHIVE), ['-e', `srv=${server.base}`]);
    const ta = await labSsh(lab.info(), 'h1', TREE_STATE);
    const tk = await labSsh(lab.info(), 'h2', TREE_STATE);
    expect(tk.stdout).toBe(ta.stdout);
    expect(tk.stdout).toContain('./mode/app/sub/b.txt -rw-r----- nobody root 2\n');
    expect(tk.stdout).toContain('./rem/sub/b.txt -rw-r--r-- root root 2\n');
    expect(tk.stdout).toContain('./se/app/sub/b.txt -rwxr-x--- root root 2\n');
    expect(tk.stdout).not.toContain('./ex/app/c.log');
  });

  it('fetch: the same recap and exit code as ansible-playbook, first run and rerun, and the same files on the controller', async () => {
    const pb = write('fetch.yml', FETCH);
    await compareRuns(lab.inventory, pb);
    for (const h of ['h1', 'h2']) {
      expect(readFileSync(join(dir, 'fetched', h, 'root', 'f.txt'), 'utf8'), h).toBe('fetched data\n');
      expect(readFileSync(join(dir, 'flat', `${h}.txt`), 'utf8'), h).toBe('fetched data\n');
    }
  });

  it('package passes dnf options on (enablerepo, disablerepo, update_cache) and refuses apt-only ones: the same recap and packages as ansible-playbook', async () => {
    await compareRuns(lab.inventory, write('package-options.yml', PACKAGE_OPTIONS));
    const q = 'rpm -q kplay-demo kplay-demo-service --qf "%{name}-%{version}\\n"';
    const pa = await labSsh(lab.info(), 'h1', q);
    expect((await labSsh(lab.info(), 'h2', q)).stdout).toBe(pa.stdout);
    expect(pa.stdout).toMatch(/^kplay-demo-\d/);
  });

  it('yum_repository: the same recap, exit code and .repo files as ansible-playbook, first run and rerun', async () => {
    await compareRuns(lab.inventory, write('yum-repository.yml', YUM_REPOSITORY));
    const fa = await labSsh(lab.info(), 'h1', REPO_STATE);
    const fk = await labSsh(lab.info(), 'h2', REPO_STATE);
    expect(fk.stdout).toBe(fa.stdout);
    expect(fk.stdout).toContain('== kp-shared.repo 600\n[kp-b]\n');
    expect(fk.stdout).toContain('baseurl = http://mirror.invalid/el/$releasever/\n\thttp://mirror2.invalid/el/\n');
    expect(fk.stdout).not.toContain('kp-gone');
  });
});

const APT_REPOSITORY = `- hosts: all
  gather_facts: false
  tasks:
    - copy: { content: "# deb http://x.invalid/debian bookworm main\\n", dest: /etc/apt/sources.list.d/kp-disabled.list }
    - name: already there (spacing differs)
      apt_repository: { repo: "deb  [trusted=yes] file:/srv/kplay-debrepo ./" }
    - name: a new one, no update
      apt_repository: { repo: "deb [trusted=yes] file:/srv/kp-none ./", update_cache: false, mode: "0600" }
    - name: a named file
      apt_repository: { repo: "deb http://y.invalid/debian bookworm main contrib", filename: kp-named, update_cache: false }
    - name: removed again (its file goes)
      apt_repository: { repo: "deb [trusted=yes] file:/srv/kp-none ./", state: absent, update_cache: false }
    - name: a disabled copy re-enabled in place
      apt_repository: { repo: "deb http://x.invalid/debian bookworm main", update_cache: false }
    - name: then removed
      apt_repository: { repo: "deb http://x.invalid/debian bookworm main", state: absent, update_cache: false }
    - name: update fails - reverted (two attempts, as few waits as Ansible allows)
      apt_repository: { repo: "deb [trusted=yes] file:/srv/nothing-here ./", update_cache_retries: 2, update_cache_retry_max_delay: 1 }
      ignore_errors: true
    - name: a good one with the update
      apt_repository: { repo: "deb [trusted=yes] file:/srv/kplay-debrepo ./", filename: kp-dup }
      ignore_errors: true
    - name: invalid
      apt_repository: { repo: "foo bar" }
      ignore_errors: true
`;

const APT_STATE = 'cd /etc/apt && for f in sources.list sources.list.d/*; do echo "== $f $(stat -c %a "$f")"; cat "$f"; done';

describe('apt_repository against ansible on Debian lab hosts', () => {
  const pb = join(mkdtempSync(join(tmpdir(), 'repos-apt-')), 'apt.yml');
  writeFileSync(pb, APT_REPOSITORY);
  const lab = useLab({
    name: 'reposdeb',
    count: 2,
    os: 'debian12',
    ready: async (info) => {
      // a source that cannot be reached (y.invalid below) costs apt 7 s of its own retries in every later update
      for (const h of ['h1', 'h2']) {
        const r = await labSsh(info, h, `echo 'Acquire::Retries "0";' > /etc/apt/apt.conf.d/99kp-no-retries`);
        expect(r.code, r.stderr).toBe(0);
      }
    },
  });

  it('the same recap, exit code and sources files as ansible-playbook, first run and rerun (a failed update reverted)', async () => {
    await compareRuns(lab.inventory, pb);
    const sa = await labSsh(lab.info(), 'h1', APT_STATE);
    const sk = await labSsh(lab.info(), 'h2', APT_STATE);
    expect(sk.stdout).toBe(sa.stdout);
    expect(sk.stdout).toContain('== sources.list.d/kp-named.list 644\ndeb http://y.invalid/debian bookworm main contrib\n');
    expect(sk.stdout).not.toContain('nothing-here');
    expect(sk.stdout).not.toContain('kp-disabled');
  });
});
