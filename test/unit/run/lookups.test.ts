// lookup / query / q are the task's template globals: a variable of the same name hides them, as in Ansible's Jinja.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withLookups } from '../../../engine/run/lookups.js';
import { Callable, render } from '../../../engine/template/index.js';
import { NO_VAULT } from '../../../engine/vault/keyring.js';

const where = { loc: { file: 'p.yml', line: 1, col: 1 } };
const dir = mkdtempSync(join(tmpdir(), 'kplay-lookups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('withLookups', () => {
  it('gives lookup, query and q where no variable has those names', () => {
    const vars = withLookups({ home: 'x' }, { paths: [], playbookDir: '/nonexistent', keyring: NO_VAULT }, where);
    expect(vars.lookup).toBeInstanceOf(Callable);
    expect(render("{{ q('env', 'KPLAY_LOOKUP_TEST') }}", vars, where)).toEqual(['']);
    process.env.KPLAY_LOOKUP_TEST = 'seen';
    try {
      expect(render("{{ lookup('env', 'KPLAY_LOOKUP_TEST') }} {{ query('env', 'KPLAY_LOOKUP_TEST') | first }}", vars, where)).toBe('seen seen');
    } finally {
      delete process.env.KPLAY_LOOKUP_TEST;
    }
  });

  it('leaves a variable named q (register: q) as it is', () => {
    const vars = withLookups({ q: { rc: 0 } }, { paths: [], playbookDir: '/nonexistent', keyring: NO_VAULT }, where);
    expect(vars.q).toEqual({ rc: 0 });
    expect(render('{{ q.rc }}', vars, where)).toBe('0');
    expect(vars.query).toBeInstanceOf(Callable);
  });

  it("binds anew to a loop item's copy of the vars: a template lookup sees the item", () => {
    mkdirSync(join(dir, 'templates'), { recursive: true });
    writeFileSync(join(dir, 'templates', 'guest.j2'), '<name>{{ item.name }}</name>');
    const task = withLookups({}, { paths: [dir], playbookDir: dir, keyring: NO_VAULT }, where);
    const item = withLookups({ ...task, item: { name: 'spacewalk' } }, { paths: [dir], playbookDir: dir, keyring: NO_VAULT }, where);
    expect(render("{{ lookup('template', 'guest.j2') }}", item, where)).toBe('<name>spacewalk</name>');
  });
});
