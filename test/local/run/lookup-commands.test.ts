// pipe and lines run the user's command on the controller as Ansible does (/bin/sh -c, in the playbook's directory,
// empty standard input): output, exit status, and the command text taken as data, never re-templated or re-quoted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lookupContext, runLookup, withLookups } from '../../../engine/run/lookups.js';
import { loopItems } from '../../../engine/run/loop-items.js';
import { render } from '../../../engine/template/index.js';
import { NO_VAULT } from '../../../engine/vault/keyring.js';

const dir = mkdtempSync(join(tmpdir(), 'kplay-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'here.txt'), 'in the playbook dir\n');
const place = { paths: [dir], playbookDir: dir, keyring: NO_VAULT };
const where = { loc: { file: join(dir, 'p.yml'), line: 1, col: 1 } };

const cases: { lookup: 'pipe' | 'lines'; terms: string[]; want?: string[]; error?: string }[] = [
  { lookup: 'pipe', terms: ['echo hi; echo   '], want: ['hi'] },
  { lookup: 'pipe', terms: ['cat here.txt'], want: ['in the playbook dir'] },
  { lookup: 'pipe', terms: ['echo a', 'echo b'], want: ['a', 'b'] },
  { lookup: 'pipe', terms: ['cat'], want: [''] },
  { lookup: 'pipe', terms: ["printf '%s' \"$0\""], want: ['/bin/sh'] },
  { lookup: 'pipe', terms: ['echo oops >&2; exit 3'], error: 'lookup_plugin.pipe(echo oops >&2; exit 3) returned 3: oops' },
  { lookup: 'lines', terms: ["printf 'l1\\n\\nl3\\r\\nl4'"], want: ['l1', '', 'l3', 'l4'] },
  { lookup: 'lines', terms: ['true'], want: [] },
  { lookup: 'lines', terms: ['false'], error: 'lookup_plugin.lines(false) returned 1' },
];

describe('pipe and lines', () => {
  for (const c of cases) {
    it(`${c.lookup}: ${c.terms.join(' / ')}`, () => {
      const run = (): unknown[] => runLookup(c.lookup, c.terms, {}, lookupContext({}, place, where));
      if (c.error !== undefined) expect(run).toThrow(c.error);
      else expect(run()).toEqual(c.want);
    });
  }

  it('the output is never rendered again; a with_lines loop has one item per line', () => {
    const vars = withLookups({ secret: 'x' }, place, where);
    expect(render("{{ lookup('pipe', 'printf \"%s%s secret }}\" { {') }}", vars, where)).toBe('{{ secret }}');
    expect(loopItems({ loop: "printf 'a\\nb\\n'", loopWith: 'lines' }, 'debug', vars, place, where)).toEqual(['a', 'b']);
  });
});
