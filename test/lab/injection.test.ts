// Data never becomes an option (issue 12 item 1): yum/package/service/file tasks whose names are `--eval=%(touch
// /tmp/pwned)`-style values, in --check and for real, on one full el8 host: nothing runs, /tmp/pwned never appears,
// each task fails naming the parameter; literal values are refused by the plan before any connection.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kplay, kplayJson } from './support/cli.js';
import { useLab } from './support/lab.js';
import { onHost, resultOf, statusLines } from './support/modules.js';

const EVIL = '--eval=%(touch /tmp/pwned)';
const TASKS = ['yum absent', 'yum present', 'dnf installroot', 'dnf setopt', 'package', 'service', 'yum enablerepo'];

// templated values pass `kplay validate` (only known at run time): the run-time check must stop each task
const RUNTIME_PLAYBOOK = `
- hosts: all
  gather_facts: true
  vars:
    evil: "${EVIL}"
    root: "--installroot=/tmp/pwned-root"
    setopt: "--setopt=tsflags=noscripts"
  tasks:
    - {name: yum absent, yum: {name: "{{ evil }}", state: absent}, ignore_errors: true}
    - {name: yum present, yum: {name: ["vim-minimal", "{{ evil }}"]}, ignore_errors: true}
    - {name: dnf installroot, dnf: {name: "{{ root }}", state: absent}, ignore_errors: true}
    - {name: dnf setopt, dnf: {name: "{{ setopt }}"}, ignore_errors: true}
    - {name: package, package: {name: "{{ evil }}", state: absent}, ignore_errors: true}
    - {name: service, service: {name: "{{ evil }}", state: started}, ignore_errors: true}
    - {name: yum enablerepo, yum: {name: vim-minimal, enablerepo: ["{{ evil }}"]}, ignore_errors: true}
    - {name: file with a dashed relative path, file: {path: "{{ evil }}", state: absent}, ignore_errors: true}
`;

const LITERAL_PLAYBOOK = `
- hosts: all
  gather_facts: false
  tasks:
    - {name: yum absent, yum: {name: "${EVIL}", state: absent}}
`;

describe('hostile names never reach a host command as options', () => {
  const info = useLab({ name: 'inject1', count: 1, kind: 'full' });
  const dir = mkdtempSync(join(tmpdir(), 'kplay-inject-'));
  writeFileSync(join(dir, 'runtime.yml'), RUNTIME_PLAYBOOK);
  writeFileSync(join(dir, 'literal.yml'), LITERAL_PLAYBOOK);
  const host = () => info.hosts[0]?.name ?? '';

  it('a literal hostile name is refused by validate and by the run, before any connection', async () => {
    const v = await kplay('validate', join(dir, 'literal.yml'));
    expect(v.code).not.toBe(0);
    expect(v.stdout + v.stderr).toMatch(/would be read as an option/);
    const r = await kplay('run', join(dir, 'literal.yml'), '-i', info.inventory);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/would be read as an option/);
    expect(await onHost(info, host(), 'test -e /tmp/pwned && echo yes || echo no')).toBe('no');
  }, 300_000);

  for (const mode of [['--check'], []] as const) {
    it(`templated hostile names fail each task with a clear message${mode.length > 0 ? ' (--check)' : ''}`, async () => {
      const r = await kplayJson(join(dir, 'runtime.yml'), '-i', info.inventory, ...mode);
      const lines = statusLines(r, host());
      for (const task of TASKS) {
        const res = resultOf(r, host(), task);
        expect(res.status, lines.join('\n')).toBe('failed');
        expect(res.msg ?? '', lines.join('\n')).toMatch(/parameter .*would be read as an option/);
      }
      // file: a relative path that starts with '-' is an ordinary (missing) file, never an option
      expect(resultOf(r, host(), 'file with a dashed relative path').status, lines.join('\n')).toMatch(/^(ok|failed)$/);
      expect(await onHost(info, host(), 'test -e /tmp/pwned && echo yes || echo no')).toBe('no');
      expect(await onHost(info, host(), 'test -e /tmp/pwned-root && echo yes || echo no')).toBe('no');
    }, 600_000);
  }
});
