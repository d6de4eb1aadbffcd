// A loaded inventory: hosts, groups, each host's variables merged as Ansible merges them, patterns, and output.
import { isDeepStrictEqual } from 'node:util';
import { dict } from '../core/dict.js';
import { InputError } from '../core/errors.js';
import { isIpAddress } from './address.js';
import type { Group, Host, InventoryData, Vars } from './model.js';
import { PatternMatcher, type Selection } from './patterns.js';
import { pyJsonDumps, pyRepr } from './pyjson.js';
import type { SourceVars } from './vars-files.js';

/** Variables ansible-inventory leaves out of --list and --host: Ansible computes them per run. */
const INTERNAL_VARS = new Set([
  'ansible_diff_mode', 'ansible_config_file', 'ansible_facts', 'ansible_forks', 'ansible_inventory_sources',
  'ansible_limit', 'ansible_playbook_python', 'ansible_run_tags', 'ansible_skip_tags', 'ansible_verbosity',
  'ansible_version', 'inventory_dir', 'inventory_file', 'inventory_hostname', 'inventory_hostname_short',
  'groups', 'group_names', 'omit', 'playbook_dir',
]);

/** Ansible's sort_groups: by depth, then ansible_group_priority, then name. */
function sortGroups(groups: Group[]): Group[] {
  return [...groups].sort((a, b) => a.depth - b.depth || a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function withoutInternal(vars: Vars): Vars {
  const out: Vars = dict();
  for (const [k, v] of Object.entries(vars)) if (!INTERNAL_VARS.has(k)) out[k] = v;
  return out;
}

export interface ListOptions {
  /** ansible-inventory --export: group vars under each group, host vars only as set on the host */
  readonly export?: boolean;
}

export class Inventory {
  /** Warnings Ansible would print while reading (skipped keys, ...); patterns add theirs per call. */
  readonly warnings: string[];
  private readonly matcher: PatternMatcher;
  private readonly varsCache = new Map<Host, Vars>();

  constructor(
    private readonly data: InventoryData,
    private readonly sourceVars: readonly SourceVars[],
    warnings: readonly string[],
    /** group_vars/ and host_vars/ beside the playbook: each ranks just above the inventory's of the same kind */
    private readonly playbookVars: readonly SourceVars[] = [],
  ) {
    this.warnings = [...warnings];
    this.matcher = new PatternMatcher(data);
  }

  /**
   * The inventory as a playbook run sees it: with the group_vars/ and host_vars/ beside the playbook (Ansible's
   * host_group_vars plugin reads them for the playbook's directory too). ansible-inventory does not read them
   * (without --playbook-dir), so `kplay inventory` uses the inventory itself.
   */
  withPlaybookVars(playbookVars: SourceVars): Inventory {
    return new Inventory(this.data, this.sourceVars, this.warnings, [playbookVars]);
  }

  /** Every host in inventory order (the order `hosts: all` runs them in). */
  hostNames(): string[] {
    return this.data.groups.get('all')!.allHosts().map((h) => h.name);
  }

  /** Group names, sorted (Ansible's list_groups), including all and ungrouped. */
  groupNames(): string[] {
    return [...this.data.groups.keys()].sort();
  }

  hasHost(name: string): boolean {
    return this.data.getHost(name) !== undefined;
  }

  private host(name: string): Host {
    const h = this.data.getHost(name);
    if (!h) throw new InputError(`host ${name} is not in the inventory`);
    return h;
  }

  /** Ansible's group_names: sorted, without `all` (with `ungrouped` for a host of no other group, as Ansible has it). */
  groupsOf(host: string): string[] {
    return this.host(host)
      .groups()
      .map((g) => g.name)
      .filter((n) => n !== 'all')
      .sort();
  }

  /** The `groups` magic variable: each group with all its hosts (children's included), in inventory order. */
  groupsMap(): Record<string, string[]> {
    const out: Record<string, string[]> = dict();
    for (const [name, g] of this.data.groups) out[name] = g.allHosts().map((h) => h.name);
    return out;
  }

  /**
   * The host's variables exactly as `ansible-inventory --host` shows them: all's vars, each group's (by depth,
   * priority, name), group_vars/all, group_vars/<group> per source, the host's own, host_vars/<host> per source.
   */
  hostVars(name: string): Vars {
    const host = this.host(name);
    const hit = this.varsCache.get(host);
    if (hit) return dict(hit);
    const all = this.data.groups.get('all')!;
    const groups = sortGroups(host.groups().filter((g) => g !== all));
    const vars = dict(all.vars);
    for (const g of groups) Object.assign(vars, g.vars);
    // Ansible's order: inventory group_vars/all, playbook group_vars/all, inventory group_vars/*, playbook
    // group_vars/*, the inventory's host vars, inventory host_vars/*, playbook host_vars/*
    for (const s of this.sourceVars) Object.assign(vars, s.groupVars.varsFor('all'));
    for (const s of this.playbookVars) Object.assign(vars, s.groupVars.varsFor('all'));
    for (const s of this.sourceVars) for (const g of groups) Object.assign(vars, s.groupVars.varsFor(g.name));
    for (const s of this.playbookVars) for (const g of groups) Object.assign(vars, s.groupVars.varsFor(g.name));
    Object.assign(vars, host.vars);
    for (const s of this.sourceVars) Object.assign(vars, s.hostVars.varsFor(host.name));
    for (const s of this.playbookVars) Object.assign(vars, s.hostVars.varsFor(host.name));
    const clean = withoutInternal(vars);
    this.varsCache.set(host, clean);
    return dict(clean);
  }

  /**
   * The variables of a host the inventory does not have (a delegate_to name): Ansible still gives it the `all`
   * group's (all's vars, group_vars/all).
   */
  outsiderVars(): Vars {
    const all = this.data.groups.get('all')!;
    const vars = dict(all.vars);
    for (const s of [...this.sourceVars, ...this.playbookVars]) Object.assign(vars, s.groupVars.varsFor('all'));
    return withoutInternal(vars);
  }

  /** Variables Ansible sets about the host itself: inventory_hostname(_short), group_names, inventory_file/dir. */
  magicVars(name: string): Vars {
    const host = this.host(name);
    const file = host.source ?? null;
    return dict<unknown>({
      inventory_hostname: host.name,
      inventory_hostname_short: isIpAddress(host.name) ? host.name : host.name.split('.')[0],
      group_names: this.groupsOf(name),
      inventory_file: file,
      inventory_dir: file === null ? null : file.replace(/\/[^/]*$/, '') || '/',
    });
  }

  /**
   * add_host during a run, as Ansible's add_dynamic_host: the host joins `all` if new, its own variables take the
   * given ones, it joins each group (created if new). True when anything changed (the task's changed).
   */
  addDynamicHost(name: string, groups: readonly string[], vars: Vars): boolean {
    let changed = false;
    if (!this.data.hosts.has(name)) {
      this.data.addHost(name, 'all');
      changed = true;
    }
    const host = this.host(name);
    for (const [k, v] of Object.entries(vars)) {
      if (Object.hasOwn(host.vars, k) && isDeepStrictEqual(host.vars[k], v)) continue;
      host.setVariable(k, v);
      changed = true;
    }
    for (const g of groups) {
      if (!this.data.groups.has(g)) {
        this.data.addGroup(g);
        changed = true;
      }
      if (this.data.groups.get(g)!.addHost(host)) changed = true;
    }
    if (changed) this.changed();
    return changed;
  }

  /** group_by during a run, as Ansible's add_dynamic_group: the host into `group`, the group under `parents`. */
  addDynamicGroup(hostName: string, group: string, parents: readonly string[]): boolean {
    let changed = false;
    const host = this.host(hostName);
    this.data.addGroup(group);
    for (const p of parents) {
      if (!this.data.groups.has(p)) {
        this.data.addGroup(p);
        changed = true;
      }
    }
    const g = this.data.groups.get(group)!;
    for (const p of parents) {
      const parent = this.data.groups.get(p)!;
      if (!parent.children.includes(g)) {
        this.data.addChild(p, group);
        changed = true;
      }
    }
    if (g.addHost(host)) changed = true;
    if (changed) this.changed();
    return changed;
  }

  private changed(): void {
    this.data.reconcile();
    this.varsCache.clear();
    this.matcher.forget();
  }

  /** Hosts matching a pattern (limits, `hosts:` of a play), in inventory order, with Ansible's warnings. */
  selectWithWarnings(pattern: string | readonly string[]): { hosts: string[]; warnings: string[] } {
    const sel: Selection = this.matcher.select(pattern);
    return { hosts: sel.hosts.map((h) => h.name), warnings: sel.warnings };
  }

  select(pattern: string | readonly string[]): string[] {
    return this.selectWithWarnings(pattern).hosts;
  }

  /** The object `ansible-inventory --list` prints. */
  toAnsibleList(options: ListOptions = {}): Record<string, unknown> {
    const results: Record<string, unknown> = dict();
    const seen = new Set<string>();
    const format = (group: Group): Record<string, unknown> => {
      const out: Record<string, unknown> = dict();
      const entry: Record<string, unknown> = dict();
      out[group.name] = entry;
      if (group.name !== 'all') entry['hosts'] = group.hosts.map((h) => h.name);
      entry['children'] = group.children.map((c) => c.name);
      for (const sub of group.children) {
        if (!seen.has(sub.name)) {
          Object.assign(out, format(sub));
          seen.add(sub.name);
        }
      }
      if (options.export) entry['vars'] = this.groupVarsForExport(group);
      for (const k of ['hosts', 'vars', 'children']) {
        const v = entry[k];
        if (v !== undefined && (Array.isArray(v) ? v.length === 0 : Object.keys(v as object).length === 0)) delete entry[k];
      }
      if (Object.keys(entry).length === 0) delete out[group.name];
      return out;
    };
    Object.assign(results, format(this.data.groups.get('all')!));
    const hostvars: Record<string, Vars> = dict();
    for (const name of this.hostNames()) {
      const v = options.export ? this.hostVarsForExport(name) : this.hostVars(name);
      if (Object.keys(v).length) hostvars[name] = v;
    }
    results['_meta'] = { hostvars };
    return results;
  }

  private groupVarsForExport(group: Group): Vars {
    const vars = dict(group.vars);
    for (const s of this.sourceVars) Object.assign(vars, s.groupVars.varsFor(group.name));
    if (group.priority !== 1) vars['ansible_group_priority'] = group.priority;
    return withoutInternal(vars);
  }

  private hostVarsForExport(name: string): Vars {
    const host = this.host(name);
    const vars = dict(host.vars);
    for (const s of this.sourceVars) Object.assign(vars, s.hostVars.varsFor(host.name));
    return withoutInternal(vars);
  }

  /** `ansible-inventory --list` output text. */
  listJson(options: ListOptions = {}): string {
    return pyJsonDumps(this.toAnsibleList(options));
  }

  /** `ansible-inventory --host HOST` output text; HOST may be a pattern matching exactly one host. */
  hostJson(pattern: string): string {
    const hosts = this.select(pattern);
    if (hosts.length !== 1) throw new InputError('You must pass a single valid host to --host parameter');
    return pyJsonDumps(this.hostVars(hosts[0]!));
  }

  /** `ansible-inventory --graph [GROUP] [--vars]` output text. */
  graph(groupName = 'all', showVars = false): string {
    const start = this.data.groups.get(groupName);
    if (!start) throw new InputError('Pattern must be valid group name when using --graph');
    const line = (name: string, depth: number): string => (depth ? '  |'.repeat(depth) + '--' + name : name);
    // ansible-inventory formats each value with %s: a string as its text, anything else as its repr
    const varLines = (vars: Vars, depth: number): string[] =>
      Object.keys(vars)
        .sort()
        .map((k) => {
          const v = vars[k];
          return line(`{${k} = ${typeof v === 'string' ? v : pyRepr(v)}}`, depth);
        });
    const walk = (group: Group, depth: number): string[] => {
      const out = [line(`@${group.name}:`, depth)];
      for (const kid of group.children) out.push(...walk(kid, depth + 1));
      if (group.name !== 'all') {
        for (const h of group.hosts) {
          out.push(line(h.name, depth + 1));
          if (showVars) out.push(...varLines(this.hostVars(h.name), depth + 2));
        }
      }
      if (showVars) out.push(...varLines(this.groupVarsForExport(group), depth + 1));
      return out;
    };
    return walk(start, 0).join('\n');
  }
}
