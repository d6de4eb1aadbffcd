// getent: read a name-service database (passwd, group, hosts, ...) into the fact getent_DATABASE, as Ansible's getent:
// first field -> the other fields. Read-only: always ok.
import { Type } from '@sinclair/typebox';
import { shellJoin } from '../engine/core/quote.js';
import { operand } from './common/schema.js';
import { defineModule } from './contract.js';

const COLON = new Set(['passwd', 'shadow', 'group', 'gshadow']);

const params = Type.Object({
  database: operand('The database: passwd, group, hosts, services, shadow, ...'),
  key: Type.Optional(operand('The entry to look up (several separated by commas); all entries when omitted.')),
  split: Type.Optional(Type.String({ description: "The field separator (default ':' for passwd, shadow, group, gshadow; else whitespace)." })),
  service: Type.Optional(operand('Use this service instead of the configured ones (getent -s).')),
  fail_key: Type.Boolean({ description: 'Fail when a key is not found.', default: true }),
});

export const getentModule = defineModule({
  name: 'getent',
  short: 'Read a name-service database (getent) into the getent_DATABASE fact',
  examples: `- name: Look up deploy
  getent: { database: passwd, key: deploy }

- debug: { msg: "home: {{ getent_passwd.deploy[4] }}" }
`,
  params,
  // host facts, as Ansible's: getent_DATABASE and ansible_facts.getent_DATABASE
  returnsFacts: true,
  probe(p) {
    const keys = p.key === undefined ? [] : p.key.split(',').map((k) => k.trim()).filter((k) => k !== '');
    const svc = p.service === undefined ? [] : ['-s', p.service];
    return { entries: shellJoin(['getent', ...svc, '--', p.database, ...keys]) };
  },
  plan(p, observed) {
    const out = observed.entries;
    if (out === undefined || out.code === 127) return { kind: 'fail', msg: 'getent was not found on the host' };
    if (out.code === 1) return { kind: 'fail', msg: `Missing arguments, or database unknown: ${p.database}` };
    if (out.code === 3) return { kind: 'fail', msg: 'Enumeration not supported on this database.' };
    if (out.code === 2 && p.fail_key) return { kind: 'fail', msg: 'One or more supplied key could not be found in the database.' };
    if (out.code !== 0 && out.code !== 2) return { kind: 'fail', msg: `getent failed (rc ${out.code}): ${out.stderr.trim()}` };
    const sep = p.split ?? (COLON.has(p.database) ? ':' : undefined);
    const table: Record<string, string[]> = {};
    for (const line of out.stdout.split('\n')) {
      if (line.trim() === '') continue;
      const fields = sep === undefined ? line.trim().split(/\s+/) : line.split(sep);
      const [first, ...rest] = fields;
      if (first !== undefined) table[first] = rest;
    }
    const name = `getent_${p.database}`;
    return { kind: 'ok', reason: `read ${Object.keys(table).length} entr${Object.keys(table).length === 1 ? 'y' : 'ies'} into ${name}`, data: { ansible_facts: { [name]: table } } };
  },
});
