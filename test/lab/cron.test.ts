// cron against ansible-playbook on Debian lab hosts: `backup`, and variables and the crontab's lines as Ansible's
// CronTab edits them (with cron installed: Ansible's module needs the
// crontab program even for a cron_file): ansible-playbook on h1 and kplay on h2 run one playbook, first run and rerun;
// the recaps and exit codes, each task's changed flag, whether it returned backup_file, the backups' paths' shape
// (/tmp/crontab + 8 characters), modes and texts (the crontab before the change, as Ansible renders it), and the
// crontabs and cron.d files left must be equal. The cron lab test in system-modules.test.ts runs on hosts without
// the crontab program, where Ansible's module cannot run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { labSsh, useLab } from './support/lab.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: a job added to root's crontab (its two trailing blank lines are not in Ansible's backup)
      cron: { name: a, job: /bin/true, backup: true }
      register: r1
    - name: check mode makes no backup
      cron: { name: b, job: /bin/false, backup: true }
      check_mode: true
      register: r2
    - name: a user without a crontab - an empty backup
      cron: { name: x, job: /bin/x, user: nobody, backup: true }
      register: r3
    - name: a new cron.d file - an empty backup
      cron: { name: c, cron_file: kp-new, user: root, job: /bin/c, backup: true }
      register: r4
    - name: one job of two removed from a cron.d file - the file before in the backup
      cron: { name: d, cron_file: kp-two, state: absent, backup: true }
      register: r5
    - name: the last job of a cron.d file removed - the file goes, no backup_file
      cron: { name: e, cron_file: kp-one, state: absent, backup: true }
      register: r6
    - name: the results, of the first run and of the rerun (where r1 has nothing to change)
      copy:
        dest: "/root/cron-results-{{ 'first' if r1.changed else 'rerun' }}"
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6] %}
          {{ r.changed }} {{ r.backup_file | default('-') }}
          {% endfor %}
`;

// each task's changed flag and backup_file (its shape), then the backup itself; then what the tasks left
const STATE = [
  'for round in first rerun; do echo "== $round"',
  '  while read -r c b; do',
  '    echo "$c $b" | sed -E "s#^(.* /tmp/crontab)[A-Za-z0-9_]{8}\\$#\\1XXXXXXXX#"',
  '    if [ "$b" != - ]; then stat -c %a -- "$b"; cat -- "$b"; echo "-- end"; fi',
  '  done < /root/cron-results-$round',
  'done',
  'echo "== crontabs"; crontab -l; crontab -l -u nobody',
  'echo "== cron.d"; ls /etc/cron.d | grep kp; cat /etc/cron.d/kp-*',
].join('\n');

const SEED = [
  'DEBIAN_FRONTEND=noninteractive apt-get install -y -q cron >/dev/null',
  "printf '# mine\\n*/5 * * * * date\\n\\n\\n' | crontab -",
  "printf '#Ansible: d\\n* * * * * root /bin/d\\n#Ansible: f\\n@daily root /bin/f\\n' > /etc/cron.d/kp-two",
  "printf '#Ansible: e\\n* * * * * root /bin/e\\n' > /etc/cron.d/kp-one",
  "printf 'SHELL=/bin/bash\\nGONE=1\\n5 * * * * /bin/found\\n' | crontab -u games -",
  "printf '#Ansible: nl\\n* * * * * root /bin/nl' > /etc/cron.d/envnl",
].join(' && ');

const ENV_PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: a variable added first, its value quoted
      cron: { name: MAILTO, env: true, job: ops@example.com, user: games }
    - name: a hand-written unquoted variable is rewritten quoted
      cron: { name: SHELL, env: true, job: /bin/bash, user: games }
    - name: insertafter another variable
      cron: { name: APP, env: true, job: /srv/app, insertafter: SHELL, user: games }
    - name: a job found by its line gets its marker
      cron: { name: found, minute: "5", job: /bin/found, user: games }
    - name: a folded job loses its trailing line break
      cron:
        name: folded
        user: games
        job: >
          /bin/folded --now
    - name: a variable removed
      cron: { name: GONE, env: true, state: absent, user: games }
    - name: a cron.d file whose last line has no line break, its job as wanted
      cron: { name: nl, cron_file: envnl, user: root, job: /bin/nl }
    - name: insertbefore a variable that is not there
      cron: { name: X, env: true, job: x, insertbefore: NOPE, user: games }
      register: f1
      ignore_errors: true
    - name: cron_file without user
      cron: { name: y, cron_file: kp-nouser, job: /bin/y }
      register: f2
      ignore_errors: true
    - name: special_time with an hour
      cron: { name: z, special_time: daily, hour: "2", job: /bin/z, user: games }
      register: f3
      ignore_errors: true
    - name: the failures' messages
      copy: { dest: /root/cron-env-msgs, content: "{{ [f1.msg, f2.msg, f3.msg] | join('\\n') }}\\n" }
`;
const ENV_STATE = 'crontab -l -u games; echo "== cron.d"; cat /etc/cron.d/envnl; echo "== msgs"; cat /root/cron-env-msgs';

describe('cron backup against ansible on Debian lab hosts', () => {
  const lab = useLab({
    name: 'cronbk',
    count: 2,
    os: 'debian12',
    ready: async (info) => {
      const seeded = await Promise.all(['h1', 'h2'].map((h) => labSsh(info, h, SEED)));
      for (const s of seeded) expect(s.code, s.stderr).toBe(0);
    },
  });

  it('the same recap, exit code, changed flags, backup_file, backups and crontabs as ansible-playbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cron-pb-'));
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'cron.yml'), PLAYBOOK, STATE);
    expect(kplay).toBe(ansible);
    // the first run: a backup for each change but check mode's and the removed file's
    expect(kplay).toContain(
      [
        '== first',
        'True /tmp/crontabXXXXXXXX',
        '600',
        '# mine',
        '*/5 * * * * date',
        '-- end',
        'True -',
        'True /tmp/crontabXXXXXXXX',
        '600',
        '-- end',
        'True /tmp/crontabXXXXXXXX',
        '600',
        '-- end',
        'True /tmp/crontabXXXXXXXX',
        '600',
        '#Ansible: d',
        '* * * * * root /bin/d',
        '#Ansible: f',
        '@daily root /bin/f',
        '-- end',
        'True -',
        '== rerun',
        'False -',
        'True -',
        'False -',
        'False -',
        'False -',
        'False -',
        '== crontabs',
        '# mine',
        '*/5 * * * * date',
        '',
        '',
        '#Ansible: a',
        '* * * * * /bin/true',
        '#Ansible: x',
        '* * * * * /bin/x',
        '== cron.d',
        'kp-new',
        'kp-two',
        '',
      ].join('\n'),
    );
  });

  it('variables, a job found by its line, a folded job, a last line without a break and refusals: as ansible-playbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cron-env-'));
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'env.yml'), ENV_PLAYBOOK, ENV_STATE);
    expect(kplay).toBe(ansible);
    expect(kplay).toBe(
      [
        'MAILTO="ops@example.com"',
        'SHELL="/bin/bash"',
        'APP="/srv/app"',
        '#Ansible: found',
        '5 * * * * /bin/found',
        '#Ansible: folded',
        '* * * * * /bin/folded --now',
        '== cron.d',
        '#Ansible: nl',
        '* * * * * root /bin/nl',
        '== msgs',
        "Variable named 'NOPE' not found.",
        'To use cron_file=... parameter you must specify user=... as well',
        'You must specify time and date fields or special time.',
        '',
      ].join('\n'),
    );
  });
});
