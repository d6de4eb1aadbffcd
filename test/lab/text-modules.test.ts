// The text-editing modules on a lab host against Ansible's: replace's file content, changed flag, exit code, then the idempotent rerun.
import { describe, expect, it } from 'vitest';
import { kplay, runCommand } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

const START = 'a=1\\r\\nb=2\\n[s]\\nx x\\n[t]\\ncafé x\\n';
const changedOf = (text: string): unknown => (JSON.parse(text.slice(text.indexOf('{'))) as { changed?: unknown }).changed;

describe('text modules against ansible on a lab host', () => {
  const info = useLab({ name: 'modstext', count: 1 });

  const reset = async (file: string): Promise<void> => {
    const r = await labSsh(info, 'h1', `mkdir -p /srv/tm && printf '${START}' > ${file}`);
    expect(r.code, r.stderr).toBe(0);
  };
  const content = async (file: string): Promise<string> => (await labSsh(info, 'h1', `cat ${file}`)).stdout;

  it.each([
    "regexp='^(\\w)=(\\d)$' replace='\\2=\\1'",
    "regexp='x' replace='y' after='\\[s\\]' before='\\[t\\]'",
    "regexp='caf\\w x' replace='tea'",
    "regexp='x*' replace='-'",
    "regexp='zzz' replace='y'",
    "regexp='x' replace='y' after='nomatch'",
  ].map((a) => `replace ${a}`).concat([
    // \n written in a key=value argument: both tools decode it to a newline
    "blockinfile block='one\\ntwo'",
    "blockinfile block='one' insertafter='^\\[s\\]'",
    "blockinfile block='one' insertbefore=BOF marker='; {mark} kplay'",
    "blockinfile block='' state=absent",
  ]))('%s: same content, changed flag and exit code as Ansible, then the rerun', async (task) => {
    const [mod = '', ...rest] = task.split(' ');
    const args = rest.join(' ');
    const run = async (tool: 'ansible' | 'kplay', file: string): Promise<{ code: number; changed: unknown; again: unknown; text: string }> => {
      await reset(file);
      const adhoc = ['h1', '-i', info.inventory, '-m', mod, '-a', `path=${file} ${args}`];
      const exec = (): Promise<{ code: number; stdout: string; stderr: string }> =>
        tool === 'ansible' ? runCommand(['ansible', ...adhoc], { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' }) : kplay('adhoc', ...adhoc);
      const first = await exec();
      const second = await exec();
      return { code: first.code, changed: changedOf(first.stdout), again: changedOf(second.stdout), text: await content(file) };
    };
    const a = await run('ansible', '/srv/tm/a');
    const k = await run('kplay', '/srv/tm/k');
    // the rerun's changed flag is part of the comparison (x* keeps matching empty strings, as in Ansible)
    expect(k).toEqual(a);
  });

  it('tempfile state=directory: changed, a new directory named as Ansible names it, for both tools', async () => {
    const names: string[] = [];
    for (const tool of ['ansible', 'kplay'] as const) {
      const adhoc = ['h1', '-i', info.inventory, '-m', 'tempfile', '-a', 'state=directory path=/srv prefix=p. suffix=.d'];
      const r = tool === 'ansible' ? await runCommand(['ansible', ...adhoc], { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' }) : await kplay('adhoc', ...adhoc);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const res = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { changed?: unknown; path?: unknown };
      expect(res.changed).toBe(true);
      expect(String(res.path)).toMatch(/^\/srv\/p\.[A-Za-z0-9_]{8}\.d$/);
      expect((await labSsh(info, 'h1', `test -d ${String(res.path)}`)).code).toBe(0);
      names.push(String(res.path));
    }
    expect(names[0]).not.toBe(names[1]);
  });

  it('replace through a symbolic link: the target edited, the link kept, as Ansible', async () => {
    const seen: string[] = [];
    for (const tool of ['ansible', 'kplay'] as const) {
      const setup = await labSsh(info, 'h1', `mkdir -p /srv/tm && printf 'a\\n' > /srv/tm/t-${tool} && ln -sfn t-${tool} /srv/tm/l-${tool}`);
      expect(setup.code, setup.stderr).toBe(0);
      const adhoc = ['h1', '-i', info.inventory, '-m', 'replace', '-a', `path=/srv/tm/l-${tool} regexp=a replace=b`];
      const r = tool === 'ansible' ? await runCommand(['ansible', ...adhoc], { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' }) : await kplay('adhoc', ...adhoc);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      seen.push((await labSsh(info, 'h1', `test -h /srv/tm/l-${tool} && echo link; cat /srv/tm/t-${tool}`)).stdout);
    }
    expect(seen[0]).toBe('link\nb\n');
    expect(seen[1]).toBe(seen[0]);
  });
});
