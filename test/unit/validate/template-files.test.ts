// validate reads template files (static src of template tasks): syntax and unknown filters, located in the .j2 file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '../../../engine/playbook/index.js';
import { InputErrors } from '../../../engine/core/errors.js';

const DIR = join(import.meta.dirname, '../../fixtures/template-files');

async function problems(): Promise<InputErrors> {
  try {
    await loadPlaybook(join(DIR, 'site.yml'));
  } catch (err) {
    if (err instanceof InputErrors) return err;
    throw err;
  }
  throw new Error('expected problems');
}

describe('template files named by template tasks', async () => {
  const found = (await problems()).problems;

  it('reports exactly the faulty files (not the good one with its from-import and escaped quotes, the templated name, nor the missing file)', () => {
    expect(found.map((p) => p.loc?.file)).toEqual([join(DIR, 'roles/web/templates/bad.conf.j2'), join(DIR, 'templates/unclosed.j2'), join(DIR, 'templates/lookup.j2'), join(DIR, 'templates/included-bad.j2'), join(DIR, 'templates/includes.j2'), join(DIR, 'templates/includes.j2'), join(DIR, 'templates/imported-bad.j2')]);
  });

  it("reads a file named by lookup('template', ...) in a task's arguments", () => {
    const lookup = found[2];
    expect(lookup?.message).toBe("template syntax: no filter named 'ansible.builtin.to_yml' (did you mean 'ansible.builtin.to_yaml'?)");
    expect(lookup?.loc).toMatchObject({ line: 1, col: 14 });
  });

  it('locates an unknown filter in the .j2 file, with a did-you-mean and the task that uses it', () => {
    const bad = found[0];
    expect(bad?.message).toBe("template syntax: no filter named 'uper' (did you mean 'upper'?)");
    expect(bad?.loc).toMatchObject({ line: 3, col: 23 });
    expect(bad?.hint).toBe(`template file bad.conf.j2, used by the task at ${join(DIR, 'roles/web/tasks/main.yml')}:5:3`);
  });

  it('locates an unclosed block at its tag', () => {
    expect(found[1]?.message).toMatch(/'\{% for %\}' is never closed/);
    expect(found[1]?.loc).toMatchObject({ line: 1, col: 1 });
  });

  it("reads the files a template includes, and names an include not found at its line", () => {
    expect(found[3]?.message).toBe("template syntax: no filter named 'uper' (did you mean 'upper'?)");
    expect(found[4]?.message).toMatch(/^template include: 'gone\.j2' is not found on the template search path/);
    expect(found[4]?.loc).toMatchObject({ line: 5, col: 1 });
  });

  it('reads the files a template imports (import, from-import), and names an import not found at its line', () => {
    expect(found[5]?.message).toMatch(/^template from: 'gone-macros\.j2' is not found on the template search path/);
    expect(found[5]?.loc).toMatchObject({ line: 7, col: 1 });
    expect(found[6]?.message).toBe("template syntax: no filter named 'lenght' (did you mean 'length'?)");
  });
});
