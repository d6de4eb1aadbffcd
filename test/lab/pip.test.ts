// The pip module against ansible-playbook on Debian lab hosts (ansible-playbook on h1, kplay on h2), first run and
// rerun: the recap, exit code, registered results and the packages installed. No index is reachable: each host
// builds small wheels (two versions of kplaydemo, and kplaytool) into /srv/wheels, installed with
// `--no-index --find-links`, as from a private index.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { ROOT } from './support/cli.js';
import { useLab } from './support/lab.js';

/** The webapp corpus role's wheel builder (its argument: the directory): the same private index. */
const WHEELS = readFileSync(join(ROOT, 'test', 'corpus', 'runs', 'webapp', 'roles', 'app', 'files', 'wheels.py'), 'utf8');

const PIP = `- hosts: all
  gather_facts: false
  vars:
    local: --no-index --find-links /srv/wheels
  tasks:
    - apt: { name: [python3-pip, python3-venv] }
    - copy: { content: ${JSON.stringify(WHEELS)}, dest: /srv/wheels.py }
    - command: python3 /srv/wheels.py /srv/wheels
      args: { creates: /srv/wheels }
    - copy: { content: "kplaytool\\n", dest: /srv/requirements.txt }
    - name: a virtualenv made, a pinned version installed into it
      pip: { name: kplaydemo==1.0, virtualenv: /srv/venv, virtualenv_command: python3 -m venv, extra_args: "{{ local }}" }
      register: r1
    - name: the same again - ok
      pip: { name: kplaydemo==1.0, virtualenv: /srv/venv, virtualenv_command: python3 -m venv, extra_args: "{{ local }}" }
      register: r2
    - name: check mode - satisfied, ok
      pip: { name: "kplaydemo>=1.0", virtualenv: /srv/venv }
      check_mode: true
      register: r3
    - name: check mode - another version predicted
      pip: { name: kplaydemo, version: "2.0", virtualenv: /srv/venv }
      check_mode: true
      register: r4
    - name: version upgrades it
      pip: { name: kplaydemo, version: "2.0", virtualenv: /srv/venv, extra_args: "{{ local }}" }
      register: r5
    - name: a requirements file
      pip: { requirements: /srv/requirements.txt, virtualenv: /srv/venv, extra_args: "{{ local }}" }
      register: r6
    - name: removed
      pip: { name: kplaytool, state: absent, virtualenv: /srv/venv }
      register: r7
    - name: removed again - ok
      pip: { name: kplaytool, state: absent, virtualenv: /srv/venv }
      register: r8
    - name: a package no index has
      pip: { name: nosuchpkg, virtualenv: /srv/venv, extra_args: "{{ local }}" }
      ignore_errors: true
      register: r9
    - name: system-wide, refused by Debian's externally managed Python
      pip: { name: kplaytool, executable: pip3, extra_args: "{{ local }}" }
      ignore_errors: true
      register: r10
    - name: system-wide with --break-system-packages
      pip: { name: kplaytool, extra_args: "{{ local }} --break-system-packages" }
      register: r11
    - name: venv with virtualenv_python is refused
      pip: { name: kplaydemo, virtualenv: /srv/venv2, virtualenv_command: python3 -m venv, virtualenv_python: python3 }
      ignore_errors: true
      register: r12
    - copy:
        dest: /root/pip-results
        content: |
          {% for r in [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.state | default('-') }} {{ r.virtualenv | default('-') }} {{ (r.msg | default('') if r.failed | default(false) else '') | regex_replace('\\n.*', '') }}
          {% endfor %}
`;

const STATE = "cat /root/pip-results; /srv/venv/bin/pip list --format=freeze | grep -i kplay; pip3 list --format=freeze 2>/dev/null | grep -i kplay; test -e /srv/venv2 || echo no-venv2";

describe('pip against ansible-playbook on Debian lab hosts', () => {
  const lab = useLab({ name: 'pipmod', count: 2, os: 'debian12' });
  const dir = mkdtempSync(join(tmpdir(), 'pip-pb-'));

  it('virtualenv, pins, version, check mode, requirements, absent, failures, system-wide: the same recap, exit code, results and packages', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'pip.yml'), PIP, STATE);
    expect(kplay).toBe(ansible);
    expect(kplay).toContain('kplaydemo==2.0');
    const lines = kplay.split('\n');
    // the venv made and the pin installed: changed; the same again: ok
    expect(lines.slice(0, 2)).toEqual(['True False present /srv/venv ', 'False False present /srv/venv ']);
    // a package no index has, and Debian's refusal of a system-wide install: failed (the latter's msg is stderr only)
    expect(lines[8]).toBe('False True - - stdout: Looking in links: /srv/wheels');
    expect(lines[9]).toBe('False True - - ');
    expect(kplay).toContain('virtualenv_python should not be used');
  });
});
