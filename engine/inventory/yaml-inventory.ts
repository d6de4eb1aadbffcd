// The YAML inventory format (all: {hosts, vars, children}), read as Ansible's yaml plugin reads it.
import { hasKey } from '../core/dict.js';
import { InputError } from '../core/errors.js';
import type { SourceLoc } from '../core/location.js';
import { keyLoc, locOf, valueLoc } from '../yaml/positions.js';
import { expandHostPattern } from './address.js';
import { InventoryModelError, type InventoryData } from './model.js';

type Mapping = Record<string, unknown>;

const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Python's type names, as Ansible's messages print them. */
function pyType(v: unknown): string {
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return typeof v;
}

/**
 * Populates `inv` from a loaded YAML document. `file` names the source for errors from data that came
 * from JSON (which has no recorded positions).
 */
export function parseYamlInventory(inv: InventoryData, file: string, data: Mapping, warn: (msg: string) => void): void {
  const fallback: SourceLoc = locOf(data) ?? { file, line: 1, col: 1 };
  const fail = (message: string, loc: SourceLoc | undefined): never => {
    throw new InputError(message, { loc: loc ?? fallback });
  };
  const guard = <T>(fn: () => T, loc: () => SourceLoc | undefined): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof InventoryModelError) return fail(err.message, loc());
      throw err;
    }
  };

  const parseGroup = (group: string, groupData: unknown, container: Mapping): string => {
    if (groupData !== null && !isMapping(groupData)) {
      warn(`Skipping '${group}' as this is not a valid group definition`);
      return group;
    }
    guard(() => inv.addGroup(group), () => keyLoc(container, group));
    if (groupData === null) return group;

    // a bare string is shorthand for a one-key mapping (`hosts: web1`)
    const section = (name: string): Mapping | null | undefined => {
      if (!(name in groupData)) return undefined;
      const v = groupData[name];
      if (typeof v === 'string') return { [v]: null };
      if (v !== null && !isMapping(v)) {
        fail(`Invalid "${name}" entry for "${group}" group, requires a dictionary, found "${pyType(v)}" instead.`, valueLoc(groupData, name));
      }
      return v as Mapping | null;
    };
    const sections = { vars: section('vars'), children: section('children'), hosts: section('hosts') };

    for (const key of Object.keys(groupData)) {
      const value = hasKey(sections, key) ? sections[key as keyof typeof sections] : groupData[key];
      if (value !== null && !isMapping(value)) {
        warn(`Skipping key (${key}) in group (${group}) as it is not a mapping, it is a ${pyType(value)}`);
        continue;
      }
      if (value === null) continue;
      const where = (k: string) => (): SourceLoc | undefined => keyLoc(value, k) ?? keyLoc(groupData, key);
      if (key === 'vars') {
        for (const [k, v] of Object.entries(value)) guard(() => inv.setVariable(group, k, v), where(k));
      } else if (key === 'children') {
        for (const [sub, subData] of Object.entries(value)) {
          const name = parseGroup(sub, subData, value);
          guard(() => inv.addChild(group, name), where(sub));
        }
      } else if (key === 'hosts') {
        for (const [pattern, hostVars] of Object.entries(value)) {
          const { hosts, port } = guard(() => expandHostPattern(pattern), where(pattern));
          // Ansible: `host: <falsy>` means no vars; anything else must be a mapping
          const vars = hostVars === null || hostVars === '' || hostVars === 0 || hostVars === false || (Array.isArray(hostVars) && hostVars.length === 0) ? {} : hostVars;
          if (!isMapping(vars)) {
            fail(`Invalid data for host ${pattern}: expected a mapping of variables, got a ${pyType(vars)}`, valueLoc(value, pattern));
          }
          guard(() => {
            for (const h of hosts) {
              inv.addHost(h, group, port);
              for (const [k, v] of Object.entries(vars as Mapping)) inv.setVariable(h, k, v);
            }
          }, where(pattern));
        }
      } else {
        warn(`Skipping unexpected key (${key}) in group (${group}), only "vars", "children" and "hosts" are valid`);
      }
    }
    return group;
  };

  for (const [group, groupData] of Object.entries(data)) parseGroup(group, groupData, data);
}
