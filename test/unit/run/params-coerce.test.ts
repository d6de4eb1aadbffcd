// Module parameters converted to their types as Ansible's argument spec converts them: a template's number arrives
// as its text ('{{ 200 + 1 }}' is '201'), in list elements, suboptions and unions too.
import { describe, expect, it } from 'vitest';
import { checkParams } from '../../../engine/run/params.js';
import { findModule } from '../../../modules/registry.js';
import type { ModuleDef } from '../../../modules/contract.js';

function mod(name: string): ModuleDef {
  const m = findModule(name);
  if (m === undefined) throw new Error(`no module ${name}`);
  return m;
}

function params(name: string, raw: Record<string, unknown>): Record<string, unknown> {
  const run = checkParams(mod(name), raw);
  if (!run.ok) throw new Error(run.msg);
  return run.params;
}

describe('module parameters from templates', () => {
  it('a number given as text, at the top', () => {
    expect(params('wait_for', { port: '8081', timeout: '5' })).toMatchObject({ port: 8081, timeout: 5 });
  });
  it("a list's elements, through a union with a list member (uri's status_code)", () => {
    expect(params('uri', { url: 'http://x/', status_code: ['200', '201'] }).status_code).toEqual([200, 201]);
  });
  it('a union without a text member takes text by its number member', () => {
    expect(params('mysql_db', { name: 'db', master_data: '1' }).master_data).toBe(1);
  });
  it('a union with a text member keeps the text (a mode stays as written)', () => {
    expect(params('file', { path: '/x', mode: '420' }).mode).toBe('420');
  });
  it('text that is not a number is still refused where a number is wanted', () => {
    const run = checkParams(mod('uri'), { url: 'http://x/', status_code: ['ok'] });
    expect(run.ok).toBe(false);
  });
});
