// add_host: a host (and its groups and variables) added to the run's inventory, for the later plays of the run, as
// ansible.builtin.add_host. The module only says what to add; the engine adds it (engine/run/dynamic-inventory.ts).
import { Type } from '@sinclair/typebox';
import { dict } from '../engine/core/dict.js';
import { aliasOf } from './common/schema.js';
import { defineModule } from './contract.js';

const groupsAlias = () => aliasOf('groups', Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Alias of groups.' }));

// every other key is a variable of the new host, so the schema allows any property
const params = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'The host to add, as NAME or NAME:PORT ([v6]:PORT).' })),
    hostname: Type.Optional(aliasOf('name', Type.String({ description: 'Alias of name.' }))),
    host: Type.Optional(aliasOf('name', Type.String({ description: 'Alias of name.' }))),
    groups: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'Groups to put the host in (a list, or names separated by commas).' })),
    group: Type.Optional(groupsAlias()),
    groupname: Type.Optional(groupsAlias()),
  },
  { additionalProperties: true, description: 'Any other key is a variable of the host.' },
);

// as Ansible's add_host: `host` and `group` are read as the name and the groups, and yet also kept as host variables
const SPECIAL = new Set(['name', 'hostname', 'groupname', 'groups']);

/** NAME:PORT and [v6]:PORT as Ansible's parse_address reads them; anything else is the name as given. */
function splitAddress(text: string): { name: string; port: number | undefined } {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
  return m ? { name: m[1] ?? text, port: Number(m[2]) } : { name: text, port: undefined };
}

export const addHostModule = defineModule({
  name: 'add_host',
  aliases: ['ansible.builtin.add_host', 'ansible.legacy.add_host'],
  short: 'Add a host (and its groups and variables) to the inventory for the rest of the run',
  examples: `- name: Reach the new guest in the next play
  add_host:
    name: "{{ guest_ip }}"
    groups: new_guests
    ansible_user: cloud-user
`,
  params,
  controllerOnly: true,
  checkMode: 'plan',
  bypassHostLoop: true,
  changesInventory: true,
  plan(p) {
    const given = p.name ?? p.hostname ?? p.host;
    if (given === undefined) return { kind: 'fail', msg: 'name, host or hostname needs to be provided' };
    const { name, port } = splitAddress(given);
    const raw = p.groupname ?? p.groups ?? p.group ?? '';
    const list = typeof raw === 'string' ? (raw === '' ? [] : raw.split(',')) : raw;
    const groups = [...new Set(list.map((g) => g.trim()))];
    const hostVars: Record<string, unknown> = dict();
    for (const [k, v] of Object.entries(p)) if (!SPECIAL.has(k)) hostVars[k] = v;
    if (port !== undefined) hostVars.ansible_ssh_port = port;
    return { kind: 'ok', reason: `add ${name} to the inventory`, data: { add_host: { host_name: name, groups, host_vars: hostVars } } };
  },
});
