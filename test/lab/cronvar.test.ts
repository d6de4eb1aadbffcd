// community.general.cronvar against ansible-playbook on Debian lab hosts (with cron installed: Ansible's module needs
// the crontab program even for a cron_file): ansible-playbook on h1 and kplay on h2 run one playbook, first run and
// rerun; the recaps and exit codes, each task's changed flag and vars, backup_file (its path's shape, mode and text),
// the failures' messages, and the crontabs and cron.d files left (with their modes) must be equal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { labSsh, useLab } from './support/lab.js';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - name: present - a new variable goes first, unquoted
      community.general.cronvar: { name: MAILTO, value: ops@example.com }
      register: r1
    - name: a new value - the variable found with blanks around = is rewritten
      community.general.cronvar: { name: PATH, value: "/usr/local/bin:/usr/bin:/bin" }
      register: r2
    - name: insertafter another variable
      community.general.cronvar: { name: APP, value: /srv/app, insertafter: SHELL }
      register: r3
    - name: insertbefore another variable (the short name)
      cronvar: { name: LANG, value: C.UTF-8, insertbefore: SHELL }
      register: r4
    - name: insertafter a variable that is not there - nothing added, changed every run
      community.general.cronvar: { name: LOST, value: "1", insertafter: MISSING }
      register: r5
    - name: a value with a blank never reads back equal - changed every run
      community.general.cronvar: { name: OPTS, value: "-a -b" }
      register: r6
    - name: absent, from a cron.d file by its bare name
      community.general.cronvar: { name: Y, cron_file: kp-vars, state: absent }
      register: r7
    - name: a new cron.d file by its absolute path
      community.general.cronvar: { name: LOGFILE, value: /var/log/kp.log, cron_file: /etc/cron.d/kp-new }
      register: r8
    - name: another user's crontab, with a backup
      community.general.cronvar: { name: MAILTO, value: games@example.com, user: games, backup: true }
      register: r9
    - name: check mode - skipped, the module does not support it
      community.general.cronvar: { name: CHECKED, value: "1" }
      check_mode: true
      register: r10
    - name: no value with state present
      community.general.cronvar: { name: NOVALUE }
      register: f1
      ignore_errors: true
    - name: insertafter and insertbefore together
      community.general.cronvar: { name: BOTH, value: "1", insertafter: A, insertbefore: B }
      register: f2
      ignore_errors: true
    - name: the results, of the first run and of the rerun (where r1 has nothing to change)
      copy:
        dest: "/root/cronvar-results-{{ 'first' if r1.changed else 'rerun' }}"
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, r7, r8, r9] %}
          {{ r.changed }} {{ r['vars'] | join(',') }} {{ r.cron_file | default('-') }} {{ r.backup_file | default('-') }}
          {% endfor %}
          {{ r10.skipped | default(false) }} {{ r10.changed }} {{ r10.msg }}
          {{ f1.msg }}
          {{ f2.msg }}
`;

// each round's results, a backup's path (its shape), mode and text; then the crontabs and cron.d files left
const STATE = [
  'for round in first rerun; do echo "== $round"',
  '  sed -E "s#/tmp/cronvar[A-Za-z0-9_]{8}\\$#/tmp/cronvarXXXXXXXX#" /root/cronvar-results-$round',
  '  b=$(sed -n 9p /root/cronvar-results-$round | cut -d" " -f4)',
  '  if [ "$b" != - ]; then stat -c %a -- "$b"; cat -- "$b"; echo "-- end"; fi',
  'done',
  'echo "== root"; crontab -l',
  'echo "== games"; crontab -l -u games',
  'echo "== cron.d"; for f in /etc/cron.d/kp-*; do echo "$f $(stat -c %a -- "$f")"; cat -- "$f"; done',
].join('\n');

const SEED = [
  'DEBIAN_FRONTEND=noninteractive apt-get install -y -q cron >/dev/null',
  "printf '# mine\\nSHELL=/bin/sh\\nPATH = /usr/bin:/bin\\n*/5 * * * * date\\n' | crontab -",
  "printf 'X=1\\nY=2\\n' > /etc/cron.d/kp-vars",
  "printf 'MAILTO=\"old\"\\n@daily /bin/true\\n' | crontab -u games -",
].join(' && ');

describe('cronvar against ansible on Debian lab hosts', () => {
  const lab = useLab({
    name: 'cronvar',
    count: 2,
    os: 'debian12',
    ready: async (info) => {
      const seeded = await Promise.all(['h1', 'h2'].map((h) => labSsh(info, h, SEED)));
      for (const s of seeded) expect(s.code, s.stderr).toBe(0);
    },
  });

  it('present, a new value, insertafter, insertbefore, absent, cron_file, backup, check mode and refusals: as ansible-playbook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cronvar-pb-'));
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'cronvar.yml'), PLAYBOOK, STATE);
    expect(kplay).toBe(ansible);
    expect(kplay).toBe(
      [
        '== first',
        'True MAILTO,SHELL,PATH - -',
        'True MAILTO,SHELL,PATH - -',
        'True MAILTO,SHELL,APP,PATH - -',
        'True MAILTO,LANG,SHELL,APP,PATH - -',
        'True MAILTO,LANG,SHELL,APP,PATH - -',
        'True OPTS,MAILTO,LANG,SHELL,APP,PATH - -',
        'True X kp-vars -',
        'True LOGFILE /etc/cron.d/kp-new -',
        'True MAILTO - /tmp/cronvarXXXXXXXX',
        'True False remote module (community.general.cronvar) does not support check mode',
        "You must specify 'value' to insert a new cron variable",
        'parameters are mutually exclusive: insertbefore|insertafter',
        '600',
        'MAILTO="old"',
        '@daily /bin/true',
        '-- end',
        '== rerun',
        'False OPTS,MAILTO,LANG,SHELL,APP,PATH - -',
        'False OPTS,MAILTO,LANG,SHELL,APP,PATH - -',
        'False OPTS,MAILTO,LANG,SHELL,APP,PATH - -',
        'False OPTS,MAILTO,LANG,SHELL,APP,PATH - -',
        'True OPTS,MAILTO,LANG,SHELL,APP,PATH - -',
        'True OPTS,MAILTO,LANG,SHELL,APP,PATH - -',
        'False X kp-vars -',
        'False LOGFILE /etc/cron.d/kp-new -',
        'False MAILTO - -',
        'True False remote module (community.general.cronvar) does not support check mode',
        "You must specify 'value' to insert a new cron variable",
        'parameters are mutually exclusive: insertbefore|insertafter',
        '== root',
        'OPTS=-a -b',
        'MAILTO=ops@example.com',
        '# mine',
        'LANG=C.UTF-8',
        'SHELL=/bin/sh',
        'APP=/srv/app',
        'PATH=/usr/local/bin:/usr/bin:/bin',
        '*/5 * * * * date',
        '== games',
        'MAILTO=games@example.com',
        '@daily /bin/true',
        '== cron.d',
        '/etc/cron.d/kp-new 644',
        'LOGFILE=/var/log/kp.log',
        '/etc/cron.d/kp-vars 644',
        'X=1',
        '',
      ].join('\n'),
    );
  });
});
