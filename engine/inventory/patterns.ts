// Host patterns as Ansible resolves them: all, globs, ~regex, a:b / a,b, &intersection, !exclusion, g[0], g[1:3].
import { InputError } from '../core/errors.js';
import { compilePythonOnce } from '../core/python-regex.js';
import { parseAddress } from './address.js';
import { LOCALHOST_NAMES, type Host, type InventoryData } from './model.js';

/** Ansible's split_host_pattern: commas always split; colons only when the text is not one address. */
export function splitHostPattern(pattern: string): string[] {
  let parts: string[];
  if (pattern.includes(',')) parts = pattern.split(',');
  else if (parseAddress(pattern)) parts = [pattern];
  else parts = pattern.match(/(?:[^\s:[\]]|\[[^\]]*\])+/g) ?? [];
  return parts.map((p) => p.trim()).filter((p) => p);
}

/** Plain patterns first, then &intersections, then !exclusions; only modifiers means "all" plus them. */
export function orderPatterns(patterns: readonly string[]): string[] {
  const regular: string[] = [];
  const and: string[] = [];
  const not: string[] = [];
  for (const p of patterns) {
    if (!p) continue;
    if (p[0] === '!') not.push(p);
    else if (p[0] === '&') and.push(p);
    else regular.push(p);
  }
  return [...(regular.length ? regular : ['all']), ...and, ...not];
}

/** Python's fnmatch.translate, as an anchored JS regex source (case-sensitive, as on POSIX). */
export function fnmatchToRegex(pat: string): string {
  let res = '';
  let i = 0;
  const n = pat.length;
  while (i < n) {
    const c = pat[i++]!;
    if (c === '*') {
      if (!res.endsWith('.*')) res += '.*';
    } else if (c === '?') res += '.';
    else if (c === '[') {
      let j = i;
      if (j < n && pat[j] === '!') j++;
      if (j < n && pat[j] === ']') j++;
      while (j < n && pat[j] !== ']') j++;
      if (j >= n) res += '\\[';
      else {
        let stuff = pat.slice(i, j).replace(/\\/g, '\\\\');
        i = j + 1;
        if (!stuff) res += '(?!)';
        else if (stuff === '!') res += '.';
        else {
          // brackets inside a JS class must be escaped (`[]a]` is a set holding `]` and `a` in Python)
          const esc = (t: string): string => t.replace(/[[\]]/g, '\\$&');
          if (stuff[0] === '!') stuff = '^' + esc(stuff.slice(1));
          else if (stuff[0] === '^') stuff = '\\^' + esc(stuff.slice(1));
          else stuff = esc(stuff);
          res += `[${stuff}]`;
        }
      }
    } else res += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return `^(?:${res})$`;
}


const SUBSCRIPT_RE = /^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$/s;

export interface Selection {
  readonly hosts: Host[];
  readonly warnings: string[];
}

/** Resolves patterns against one inventory, caching each single pattern as Ansible does. */
export class PatternMatcher {
  /** per single pattern: its hosts and the warning it raised (repeated on every use, unlike Ansible's cache) */
  private readonly cache = new Map<string, { hosts: Host[]; warning: string | undefined }>();
  private lastWarning: string | undefined;
  private warnings: string[] = [];

  constructor(private readonly inv: InventoryData) {}

  /** The inventory changed during a run (add_host, group_by): patterns are matched afresh. */
  forget(): void {
    this.cache.clear();
  }

  select(pattern: string | readonly string[]): Selection {
    this.warnings = [];
    const split = typeof pattern === 'string' ? splitHostPattern(pattern) : pattern.flatMap(splitHostPattern);
    let hosts: Host[] = [];
    for (const p of orderPatterns(split)) {
      const exact = this.inv.hosts.get(p);
      if (exact) {
        hosts.push(exact);
        continue;
      }
      const that = this.matchOne(p);
      if (p[0] === '!') {
        const drop = new Set(that);
        hosts = hosts.filter((h) => !drop.has(h));
      } else if (p[0] === '&') {
        const keep = new Set(that);
        hosts = hosts.filter((h) => keep.has(h));
      } else {
        const have = new Set(hosts.map((h) => h.name));
        hosts.push(...that.filter((h) => !have.has(h.name)));
      }
    }
    return { hosts: [...new Set(hosts)], warnings: this.warnings };
  }

  private matchOne(raw: string): Host[] {
    const pattern = raw[0] === '&' || raw[0] === '!' ? raw.slice(1) : raw;
    const hit = this.cache.get(pattern);
    if (hit) {
      if (hit.warning) this.warnings.push(hit.warning);
      return hit.hosts;
    }
    const { expr, subscript } = splitSubscript(pattern);
    this.lastWarning = undefined;
    let hosts = this.enumerate(expr);
    if (hosts.length && subscript) {
      const [start, end] = subscript;
      if (end !== undefined && end !== 0) {
        const stop = end === -1 ? hosts.length - 1 : end;
        hosts = hosts.slice(start, stop + 1);
      } else {
        const idx = start < 0 ? hosts.length + start : start;
        const h = hosts[idx];
        if (!h || idx < 0) throw new InputError(`No hosts matched the subscripted pattern '${pattern}'`);
        hosts = [h];
      }
    }
    this.cache.set(pattern, { hosts, warning: this.lastWarning });
    return hosts;
  }

  private enumerate(pattern: string): Host[] {
    const re = compile(pattern);
    const results: Host[] = [];
    const groups = [...this.inv.groups.keys()].filter((g) => re.test(g));
    for (const g of groups) results.push(...this.inv.groups.get(g)!.allHosts());
    if (!groups.length || pattern[0] === '~' || /[.?*[]/.test(pattern)) {
      for (const [name, h] of this.inv.hosts) if (re.test(name)) results.push(h);
    }
    if (!results.length && LOCALHOST_NAMES.includes(pattern)) {
      const implicit = this.inv.getHost(pattern);
      if (implicit) results.push(implicit);
    }
    if (!results.length && !groups.length && pattern !== 'all') {
      this.lastWarning = `Could not match supplied host pattern, ignoring: ${pattern}`;
      this.warnings.push(this.lastWarning);
    }
    return results;
  }
}

function compile(pattern: string): RegExp {
  try {
    return pattern[0] === '~' ? compilePythonOnce(pattern.slice(1), {}, true) : new RegExp(fnmatchToRegex(pattern), 's');
  } catch {
    throw new InputError(`Invalid host list pattern: ${pattern}`);
  }
}

function splitSubscript(pattern: string): { expr: string; subscript: [number, number | undefined] | undefined } {
  if (pattern[0] === '~') return { expr: pattern, subscript: undefined };
  const m = SUBSCRIPT_RE.exec(pattern);
  if (!m) return { expr: pattern, subscript: undefined };
  const [, expr, idx, start, , end] = m;
  if (idx !== undefined) return { expr: expr!, subscript: [parseInt(idx, 10), undefined] };
  return { expr: expr!, subscript: [parseInt(start!, 10), end ? parseInt(end, 10) : -1] };
}
