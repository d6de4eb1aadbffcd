// An ansible_port that is no port (abc, 70000, 0, 22.5) is an input problem found by validate, with its file and
// line, in an INI or YAML inventory and in group_vars/host_vars; a template is left for the run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateRun } from '../../../cli/validate.js';
import { portValueProblem } from '../../../engine/core/port-value.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-port-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const playbook = join(dir, 'site.yml');
writeFileSync(playbook, '- hosts: all\n  gather_facts: false\n  tasks:\n    - ping:\n');

let n = 0;
/** An inventory directory with `files` (relative path -> text). */
function inventory(files: Record<string, string>): string {
  const root = join(dir, `inv${(n += 1)}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('portValueProblem', () => {
  it('takes 1-65535 as a number or digits, and a template; nothing else', () => {
    for (const ok of [22, 65535, 1, '2222', ' 22 ', '{{ web_port }}']) expect(portValueProblem(ok)).toBeUndefined();
    for (const bad of ['abc', 70000, 0, -1, 22.5, '22.5', '0x16', '', true, null, [22]]) expect(portValueProblem(bad)).toMatch(/is not a port number/);
  });
});

// the first validate loads every module: seconds on a busy machine, more than vitest's default 5 s once
describe('kplay validate finds a bad ansible_port', { timeout: 30_000 }, () => {
  it('in an INI inventory, at its line', async () => {
    const root = inventory({ hosts: '[web]\nweb1 ansible_host=10.0.0.1\nweb2 ansible_port=abc\n' });
    const problems = await validateRun(playbook, [join(root, 'hosts')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/ansible_port of web2: "abc" is not a port number/);
    expect(problems[0]?.loc).toMatchObject({ line: 3 });
    expect(problems[0]?.code).toBe('input'); // exit 5
  });

  it('in a YAML inventory (host and group variables), at its line', async () => {
    const host = inventory({ 'hosts.yml': 'all:\n  hosts:\n    web1:\n      ansible_port: 70000\n' });
    const hostProblems = await validateRun(playbook, [join(host, 'hosts.yml')]);
    expect(hostProblems[0]?.message).toMatch(/ansible_port of web1: 70000 is not a port number/);
    expect(hostProblems[0]?.loc?.line).toBeGreaterThanOrEqual(3);
    const group = inventory({ 'hosts.yml': 'all:\n  hosts:\n    web1:\n  vars:\n    ansible_ssh_port: "0"\n' });
    const groupProblems = await validateRun(playbook, [join(group, 'hosts.yml')]);
    expect(groupProblems[0]?.message).toMatch(/ansible_ssh_port of all: "0" is not a port number/);
    expect(groupProblems[0]?.loc?.line).toBe(5);
  });

  it('in group_vars and host_vars files, at the key', async () => {
    const root = inventory({ hosts: 'web1\n', 'host_vars/web1.yml': '---\nx: 1\nansible_port: "22; rm -rf /"\n' });
    const problems = await validateRun(playbook, [join(root, 'hosts')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/ansible_port: "22; rm -rf \/" is not a port number/);
    expect(problems[0]?.loc).toMatchObject({ file: expect.stringContaining('web1.yml') as string, line: 3 });
  });

  it('leaves good ports and templates alone', async () => {
    const root = inventory({ hosts: 'web1 ansible_port=2222\nweb2 ansible_port="{{ p }}"\n', 'group_vars/all.yml': 'ansible_ssh_port: 22\n' });
    expect(await validateRun(playbook, [join(root, 'hosts')])).toEqual([]);
  });
});
