// Hosts and groups as Ansible's InventoryData keeps them: membership, depth, priority and the reconcile rules.
import { dict } from '../core/dict.js';
import { PORT_VARIABLES, portValueProblem } from '../core/port-value.js';

/** A structural mistake (cycle, unknown child); the parser that hit it adds the file and line. */
export class InventoryModelError extends Error {}

export const LOCALHOST_NAMES: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

export type Vars = Record<string, unknown>;

export class Host {
  readonly vars: Vars = dict();
  /** Groups this host was put in directly (its ancestors follow from them). */
  readonly directGroups: Group[] = [];
  implicit = false;
  /** The inventory source in which the host first appeared (Ansible's inventory_file). */
  source: string | undefined;

  constructor(readonly name: string, port?: number) {
    if (port !== undefined) this.vars['ansible_port'] = port;
  }

  setVariable(key: string, value: unknown): void {
    this.vars[key] = value; // hash_behaviour=replace: a mapping replaces a mapping
  }

  /** Every group the host belongs to, directly or through a parent group (Ansible's host.get_groups()). */
  groups(): Group[] {
    const out = new Set<Group>();
    for (const g of this.directGroups) {
      for (const a of g.ancestors()) out.add(a);
      out.add(g);
    }
    return [...out];
  }
}

export class Group {
  depth = 0;
  priority = 1;
  readonly vars: Vars = dict();
  readonly hosts: Host[] = [];
  private readonly hostSet = new Set<Host>();
  readonly children: Group[] = [];
  readonly parents: Group[] = [];

  constructor(readonly name: string) {}

  ancestors(): Set<Group> {
    return walk(this, (g) => g.parents);
  }

  /** Self, then children, then grandchildren...: the order Ansible lists a group's hosts in. */
  descendantsOrdered(): Group[] {
    const ordered: Group[] = [this, ...this.children];
    const seen = new Set<Group>();
    let frontier: Group[] = [this, ...this.children];
    while (frontier.length) {
      for (const g of frontier) seen.add(g);
      const next: Group[] = [];
      const nextSet = new Set<Group>();
      for (const g of frontier) {
        for (const kid of g.children) {
          if (!seen.has(kid) && !nextSet.has(kid)) {
            ordered.push(kid);
            nextSet.add(kid);
            next.push(kid);
          }
        }
      }
      frontier = next;
    }
    return ordered;
  }

  addChildGroup(child: Group): void {
    if (child === this) throw new InventoryModelError(`can't add group ${this.name} to itself`);
    if (this.children.includes(child)) return;
    if (this.ancestors().has(child)) {
      throw new InventoryModelError(
        `Adding group '${child.name}' as child to '${this.name}' creates a recursive dependency loop.`,
      );
    }
    this.children.push(child);
    child.depth = Math.max(this.depth + 1, child.depth);
    child.checkChildrenDepth();
    if (!child.parents.includes(this)) child.parents.push(this);
  }

  /** Pushes depth down to the descendants, level by level, as Ansible does. */
  private checkChildrenDepth(): void {
    let depth = this.depth;
    const start = this.depth;
    const seen = new Set<Group>();
    let unprocessed = new Set<Group>(this.children);
    while (unprocessed.size) {
      for (const g of unprocessed) seen.add(g);
      depth += 1;
      const next = new Set<Group>();
      for (const g of unprocessed) {
        if (g.depth < depth) {
          g.depth = depth;
          for (const c of g.children) next.add(c);
        }
      }
      unprocessed = next;
      if (depth - start > seen.size) {
        throw new InventoryModelError(`The group named '${this.name}' has a recursive dependency loop.`);
      }
    }
  }

  addHost(host: Host): boolean {
    if (this.hostSet.has(host)) return false;
    this.hosts.push(host);
    this.hostSet.add(host);
    host.directGroups.push(this);
    return true;
  }

  removeHost(host: Host): void {
    const i = this.hosts.indexOf(host);
    if (i >= 0) this.hosts.splice(i, 1);
    this.hostSet.delete(host);
    const j = host.directGroups.indexOf(this);
    if (j >= 0) host.directGroups.splice(j, 1);
  }

  setVariable(key: string, value: unknown): void {
    if (key === 'ansible_group_priority') this.priority = pythonInt(value, key);
    else this.vars[key] = value;
  }

  /** All hosts of this group and its descendants, without duplicates (implicit hosts never count in `all`). */
  allHosts(): Host[] {
    const seen = new Set<Host>();
    const out: Host[] = [];
    for (const g of this.descendantsOrdered()) {
      for (const h of g.hosts) {
        if (seen.has(h)) continue;
        seen.add(h);
        if (this.name === 'all' && h.implicit) continue;
        out.push(h);
      }
    }
    return out;
  }
}

function walk(start: Group, next: (g: Group) => readonly Group[]): Set<Group> {
  const seen = new Set<Group>();
  let frontier = [...next(start)];
  while (frontier.length) {
    const more: Group[] = [];
    for (const g of frontier) {
      if (seen.has(g)) continue;
      seen.add(g);
      more.push(...next(g));
    }
    frontier = more;
  }
  return seen;
}

/** Python's int(value) for ansible_group_priority. */
function pythonInt(value: unknown, key: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*[-+]?[0-9]+(?:_[0-9]+)*\s*$/.test(value)) {
    return parseInt(value.replace(/_/g, ''), 10);
  }
  throw new InventoryModelError(`${key} must be an integer, got ${JSON.stringify(value) ?? String(value)}`);
}

/** The whole inventory being built: Ansible's InventoryData. */
export class InventoryData {
  readonly groups = new Map<string, Group>();
  readonly hosts = new Map<string, Host>();
  currentSource: string | undefined;
  localhost: Host | undefined;

  constructor() {
    this.addGroup('all');
    this.addGroup('ungrouped');
    this.addChild('all', 'ungrouped');
  }

  addGroup(name: string): string {
    if (!name) throw new InventoryModelError(`Invalid empty/false group name provided: ${name}`);
    if (!this.groups.has(name)) this.groups.set(name, new Group(name));
    return name;
  }

  addHost(name: string, group?: string, port?: number): string {
    if (!name) throw new InventoryModelError('Invalid empty host name provided');
    let g: Group | undefined;
    if (group) {
      g = this.groups.get(group);
      if (!g) throw new InventoryModelError(`Could not find group ${group} in inventory`);
    }
    let h = this.hosts.get(name);
    if (!h) {
      h = new Host(name, port);
      h.source = this.currentSource;
      this.hosts.set(name, h);
      if (LOCALHOST_NAMES.includes(name) && !this.localhost) this.localhost = h;
    }
    g?.addHost(h);
    return name;
  }

  setVariable(entity: string, key: string, value: unknown): void {
    const target = this.groups.get(entity) ?? this.hosts.get(entity);
    if (!target) throw new InventoryModelError(`Could not identify group or host named ${entity}`);
    // a port that cannot be one is the inventory's mistake, found by validate and before the run (not per connection)
    const portProblem = PORT_VARIABLES.includes(key) ? portValueProblem(value) : undefined;
    if (portProblem !== undefined) throw new InventoryModelError(`${key} of ${entity}: ${portProblem}`);
    target.setVariable(key, value);
  }

  addChild(group: string, child: string): void {
    const g = this.groups.get(group);
    if (!g) throw new InventoryModelError(`${group} is not a known group`);
    const cg = this.groups.get(child);
    if (cg) g.addChildGroup(cg);
    else {
      const h = this.hosts.get(child);
      if (!h) throw new InventoryModelError(`${child} is not a known host nor group`);
      g.addHost(h);
    }
  }

  /** After all sources: every group hangs under `all`; `ungrouped` holds exactly the hosts of no other group. */
  reconcile(): void {
    const all = this.groups.get('all')!;
    const ungrouped = this.groups.get('ungrouped')!;
    for (const g of this.groups.values()) {
      if (g !== all && g.ancestors().size === 0) all.addChildGroup(g);
    }
    for (const h of this.hosts.values()) {
      const mine = h.groups();
      if (mine.includes(ungrouped)) {
        if (mine.some((g) => g !== all && g !== ungrouped)) ungrouped.removeHost(h);
      } else if (!h.implicit) {
        if (mine.length === 0 || (mine.length === 1 && mine[0] === all)) ungrouped.addHost(h);
      }
    }
  }

  /** Ansible's get_host: a localhost name that is not in the inventory yields the implicit localhost. */
  getHost(name: string): Host | undefined {
    const h = this.hosts.get(name);
    if (h || !LOCALHOST_NAMES.includes(name)) return h;
    if (!this.localhost) {
      const implicit = new Host(name);
      implicit.implicit = true;
      implicit.setVariable('ansible_python_interpreter', IMPLICIT_PYTHON);
      implicit.setVariable('ansible_connection', 'local');
      this.localhost = implicit;
    }
    return this.localhost;
  }
}

/** Ansible puts its own sys.executable here; Debian's and EL's python3 both live at this path. */
export const IMPLICIT_PYTHON = '/usr/bin/python3';
