// The INI inventory format, read as Ansible's ini plugin reads it (sections, :vars, :children, ranges, k=v).
import { InputError } from '../core/errors.js';
import { expandHostPattern } from './address.js';
import { InventoryModelError, type InventoryData } from './model.js';
import { parseIniValue } from '../core/pyliteral.js';
import { shlexSplit, ShlexError } from './shlex.js';

const SECTION_RE = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/u;
const GROUPNAME_RE = /^([^:\]\s]+)\s*(?:#.*)?$/u;
// Python's str.splitlines() boundaries, including the file/group/record separators U+001C..U+001E
const LINE_SPLIT_RE = new RegExp(`\r\n|[\n\r\v\f${String.fromCharCode(0x1c, 0x1d, 0x1e)}\x85\u2028\u2029]`);

interface Pending {
  line: number;
  state: 'vars' | 'children';
  name: string;
  parents: string[];
}

/** The file's lines as Python's str.splitlines() gives them, with the offset where each starts. */
function splitLines(text: string): { lines: string[]; starts: number[] } {
  const lines: string[] = [];
  const starts: number[] = [];
  const re = new RegExp(LINE_SPLIT_RE.source, 'g');
  let at = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    lines.push(text.slice(at, m.index));
    starts.push(at);
    at = m.index + m[0].length;
  }
  // Python's splitlines() has no empty piece after a final newline
  if (at < text.length) {
    lines.push(text.slice(at));
    starts.push(at);
  }
  return { lines, starts };
}

/** 1-based line and column of an offset, counting only \n, \r\n and \r as line ends (as editors do). */
function editorLoc(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** Parses one INI inventory file into `inv`; a mistake throws an InputError at its file:line:col. */
export function parseIni(inv: InventoryData, file: string, text: string): void {
  const { lines, starts } = splitLines(text);
  const pending = new Map<string, Pending>();
  let groupname = 'ungrouped';
  let state = 'hosts';
  let lineno = 0;
  let raw = '';

  const fail = (message: string, needle?: string): never => {
    const at = needle ? raw.indexOf(needle) : -1;
    const col = at >= 0 ? at + 1 : raw.length - raw.trimStart().length + 1;
    // lines are split as Python splits them (\v, \f, ... too); the location is where an editor shows it
    throw new InputError(message, { loc: { file, ...editorLoc(text, (starts[lineno - 1] ?? 0) + col - 1) } });
  };
  const guard = <T>(fn: () => T, needle?: string): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof InventoryModelError) return fail(err.message, needle);
      throw err;
    }
  };

  const addPendingChildren = (group: string): void => {
    for (const parent of pending.get(group)!.parents) {
      inv.addChild(parent, group);
      if (pending.get(parent)?.state === 'children') addPendingChildren(parent);
    }
    pending.delete(group);
  };

  for (raw of lines) {
    lineno++;
    const line = raw.trim();
    if (!line || line[0] === '#' || line[0] === ';') continue;

    const m = SECTION_RE.exec(line);
    if (m) {
      groupname = m[1]!;
      state = m[2] ?? 'hosts';
      if (!['hosts', 'children', 'vars'].includes(state)) {
        fail(`Section [${groupname}:${state}] has unknown type: ${state}`, `:${state}`);
      }
      if (!inv.groups.has(groupname)) {
        // [g:vars] alone does not declare g: note it and check at the end
        if (state === 'vars' && !pending.has(groupname)) {
          pending.set(groupname, { line: lineno, state: 'vars', name: groupname, parents: [] });
        }
        inv.addGroup(groupname);
      }
      const p = pending.get(groupname);
      if (p && state !== 'vars') {
        if (p.state === 'children') guard(() => addPendingChildren(groupname));
        else pending.delete(groupname);
      }
      continue;
    } else if (line.startsWith('[') && line.endsWith(']')) {
      fail(
        `Invalid section entry: '${line}'. Please make sure that there are no spaces in the section entry, ` +
          'and that there are no other invalid characters',
      );
    }

    if (state === 'hosts') {
      let tokens: string[];
      try {
        tokens = shlexSplit(line);
      } catch (err) {
        if (err instanceof ShlexError) fail(`Error parsing host definition '${line}': ${err.message}`);
        throw err;
      }
      const first = tokens[0] ?? '';
      const { hosts, port } = guard(() => expandHostPattern(first), first);
      if (first.trim().endsWith(':') && port === undefined) {
        fail(`Invalid host pattern '${first}' supplied, ending in ':' is not allowed, this character is reserved to provide a port.`, first);
      }
      if (hosts.some((h) => h.trim() === '---')) {
        fail(`Invalid host pattern '${first}' supplied, '---' is normally a sign this is a YAML file.`, first);
      }
      const vars: [string, unknown][] = [];
      for (const t of tokens.slice(1)) {
        const eq = t.indexOf('=');
        if (eq < 0) fail(`Expected key=value host variable assignment, got: ${t}`, t);
        vars.push([t.slice(0, eq), parseIniValue(t.slice(eq + 1))]);
      }
      guard(() => {
        for (const h of hosts) {
          inv.addHost(h, groupname, port);
          for (const [k, v] of vars) inv.setVariable(h, k, v);
        }
      }, first);
    } else if (state === 'vars') {
      const eq = line.indexOf('=');
      if (eq < 0) fail(`Expected key=value, got: ${line}`);
      const key = line.slice(0, eq).trim();
      const value = parseIniValue(line.slice(eq + 1).trim());
      guard(() => inv.setVariable(groupname, key, value));
    } else {
      const gm = GROUPNAME_RE.exec(line);
      if (!gm) fail(`Expected group name, got: ${line}`);
      const child = gm![1]!;
      if (!inv.groups.has(child)) {
        const p = pending.get(child);
        if (!p) pending.set(child, { line: lineno, state: 'children', name: child, parents: [groupname] });
        else p.parents.push(groupname);
      } else {
        guard(() => inv.addChild(groupname, child));
      }
    }
  }

  for (const decl of pending.values()) {
    lineno = decl.line;
    raw = lines[decl.line - 1] ?? '';
    if (decl.state === 'vars') {
      fail(`Section [${decl.name}:vars] not valid for undefined group: ${decl.name}`, decl.name);
    } else {
      fail(`Section [${decl.parents[decl.parents.length - 1]}:children] includes undefined group: ${decl.name}`, decl.name);
    }
  }
}
