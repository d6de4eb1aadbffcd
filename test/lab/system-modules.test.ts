// user, group, authorized_key, sysctl and cron on real lab hosts over SSH with become: --check predicts and touches
// nothing, the run makes the accounts, keys and files (checked on the host), the rerun changes nothing, the password
// hash is never printed, and ansible-playbook on a host of the same kind gives the same recap and the same state.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansiblePlaybook, kplay, kplayJson, parseRecap } from './support/cli.js';
import { useLab } from './support/lab.js';
import { sshRun } from './support/ssh.js';

// the hash of "kplay" (openssl passwd -6 -salt kplaysalt kplay)
const HASH = '$6$kplaysalt$V4qaRp9ybS.Ddpn.ppf8aCh589yg/5JfDlSdySW6zEKjsnrM56ABJi0NBIIVKsKCU7.vIdAABwZuBMFzKesuU0';

const PLAYBOOK = `
- name: system modules
  hosts: lab
  become: true
  gather_facts: false
  tasks:
    - name: a group with a fixed gid
      group: { name: kdev, gid: 2345 }
    - name: an account in it, with a password hash and a key
      user:
        name: kuser
        uid: 2345
        group: kdev
        groups: [wheel, kdev]
        shell: /bin/sh
        comment: "Kplay User"
        password: "${HASH}"
        generate_ssh_key: true
      register: made
    - name: an account to remove
      user: { name: deploy, state: absent, remove: true }
    - name: a key for the account
      ansible.posix.authorized_key: { user: kuser, key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEQW4fm6F5S1r/w1vDqy//+ZRwylVxfl/squz75AOFhe ops@kplay" }
    - name: a key in a file of another directory (path), which becomes the user's, 0700
      ansible.posix.authorized_key: { user: kuser, path: /home/kuser/keys/authorized_keys, key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEQW4fm6F5S1r/w1vDqy//+ZRwylVxfl/squz75AOFhe ops@kplay" }
    # the lab's hosts (systemd-nspawn) have /proc/sys read-only: the file part only, as Ansible can do there
    - name: a kernel parameter in a sysctl.d file
      ansible.posix.sysctl: { name: vm.swappiness, value: "10", sysctl_file: /etc/sysctl.d/90-kplay.conf, reload: false }
    - name: a second one in the same file
      ansible.posix.sysctl: { name: net.ipv4.ip_forward, value: "yes", sysctl_file: /etc/sysctl.d/90-kplay.conf, reload: false }
`;

describe('user, group and sysctl on lab hosts', () => {
  const info = useLab({
    name: 'smod',
    count: 2,
    kind: 'full',
    ready: async () => {
      await on(0, 'getent group wheel >/dev/null || groupadd wheel');
      await on(1, 'getent group wheel >/dev/null || groupadd wheel');
    },
    teardownTimeout: 900_000,
  });
  const dir = mkdtempSync(join(tmpdir(), 'kplay-smod-'));
  const pb = () => join(dir, 'pb.yml');
  writeFileSync(pb(), PLAYBOOK);
  const name = (i: number) => info.hosts[i]?.name ?? '';
  const on = (i: number, cmd: string) => sshRun({ address: info.hosts[i]?.address ?? '', keyPath: info.keyPath, knownHosts: info.knownHosts }, cmd);
  const accounts = async (i: number) =>
    (await on(i, "getent passwd kuser; getent group kdev | cut -d: -f1,3; id -Gn kuser; getent shadow kuser | cut -d: -f2; test -d /home/deploy && echo deploy-home; test -s /home/kuser/.ssh/id_rsa.pub && echo key; cat /etc/sysctl.d/90-kplay.conf; stat -c %a /etc/sysctl.d/90-kplay.conf; cat /home/kuser/.ssh/authorized_keys; stat -c '%a %U' /home/kuser/.ssh/authorized_keys /home/kuser/keys /home/kuser/keys/authorized_keys")).stdout;

  it('--check predicts the seven changes and touches nothing', async () => {
    const r = await kplayJson(pb(), '-i', info.inventory, '--limit', name(0), '--check');
    expect(r.code, r.stderr).toBe(0);
    expect(r.recap[name(0)]).toMatchObject({ changed: 7, failed: 0 });
    expect((await on(0, 'getent passwd kuser')).code).toBe(2);
  });

  it('the run creates the group and the user, sets the hash, makes the key, removes deploy; never prints the hash', async () => {
    const r = await kplay('run', pb(), '-i', info.inventory, '--limit', name(0), '-vvv');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(parseRecap(r.stdout)[name(0)]).toMatchObject({ changed: 7, failed: 0 });
    expect(r.stdout + r.stderr).not.toContain('kplaysalt');
    const got = await accounts(0);
    expect(got).toContain('kuser:x:2345:2345:Kplay User:/home/kuser:/bin/sh\n');
    expect(got).toContain('kdev:2345\n');
    expect(got).toMatch(/^kdev wheel$/m);
    expect(got).toContain(`${HASH}\n`);
    expect(got).toContain('key\n');
    expect(got).not.toContain('deploy-home');
    expect(got).toContain('vm.swappiness=10\nnet.ipv4.ip_forward=1\n644\n');
    expect(got).toContain('AAAAIEQW4fm6F5S1r/w1vDqy//+ZRwylVxfl/squz75AOFhe ops@kplay\n600 kuser\n700 kuser\n600 kuser\n');
  });

  it('the rerun changes nothing', async () => {
    const r = await kplayJson(pb(), '-i', info.inventory, '--limit', name(0));
    expect(r.code, r.stderr).toBe(0);
    expect(r.recap[name(0)]).toMatchObject({ changed: 0, failed: 0 });
  });

  it('ansible-playbook on a host of the same kind: same recap, first run and rerun, and the same accounts', async () => {
    const first = await ansiblePlaybook(['-i', info.inventory, '--limit', name(1), pb()]);
    expect(first.code, first.stdout).toBe(0);
    expect(parseRecap(first.stdout)[name(1)]).toMatchObject({ changed: 7, failed: 0 });
    const again = await ansiblePlaybook(['-i', info.inventory, '--limit', name(1), pb()]);
    expect(parseRecap(again.stdout)[name(1)]).toMatchObject({ changed: 0, failed: 0 });
    expect(await accounts(1)).toBe(await accounts(0));
  });

  // the lab's hosts have no crontab program (nor has Ansible's cron module there): a cron.d file needs none
  it('cron in a cron.d file: check predicts, the run writes the marker and the job line, the rerun is ok', async () => {
    const play = join(dir, 'cron.yml');
    writeFileSync(play, `- hosts: lab
  gather_facts: false
  tasks:
    - cron: { name: cleanup, cron_file: kplay-cleanup, user: root, special_time: daily, job: "find /tmp -delete" }
    - cron: { name: report, cron_file: kplay-cleanup, user: root, minute: "*/5", job: "date >> /tmp/r" }
`);
    const check = await kplayJson(play, '-i', info.inventory, '--limit', name(0), '--check');
    expect(check.recap[name(0)]).toMatchObject({ changed: 2, failed: 0 });
    expect((await on(0, 'test -e /etc/cron.d/kplay-cleanup')).code).toBe(1);
    const r = await kplayJson(play, '-i', info.inventory, '--limit', name(0));
    expect(r.recap[name(0)]).toMatchObject({ changed: 2, failed: 0 });
    expect((await on(0, 'cat /etc/cron.d/kplay-cleanup; stat -c %a /etc/cron.d/kplay-cleanup')).stdout).toBe(
      '#Ansible: cleanup\n@daily root find /tmp -delete\n#Ansible: report\n*/5 * * * * root date >> /tmp/r\n644\n',
    );
    const again = await kplayJson(play, '-i', info.inventory, '--limit', name(0));
    expect(again.recap[name(0)]).toMatchObject({ changed: 0, failed: 0 });
  });
});
