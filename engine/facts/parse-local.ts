// Local facts (fact_path, /etc/ansible/facts.d/*.fact): JSON, else INI (configparser's shape), else Ansible's error text.
import { dict } from '../core/dict.js';
import { LOCAL_FILE } from './script.js';

/** A configparser-like reading: sections of lowercased keys; undefined when it is not INI. */
export function parseIni(text: string): Record<string, Record<string, string>> | undefined {
  const out: Record<string, Record<string, string>> = dict();
  let section: Record<string, string> | undefined;
  let lastKey: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || /^\s*[#;]/.test(line)) continue;
    const head = /^\[([^\]]+)\]\s*$/.exec(line);
    if (head?.[1] !== undefined) {
      section = head[1] === 'DEFAULT' ? dict() : (out[head[1]] ??= dict());
      lastKey = undefined;
      continue;
    }
    if (section === undefined) return undefined;
    if (/^\s/.test(line) && lastKey !== undefined) {
      section[lastKey] += `\n${line.trim()}`;
      continue;
    }
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (m?.[1] === undefined) return undefined;
    lastKey = m[1].trim().toLowerCase();
    section[lastKey] = (m[2] ?? '').trim();
  }
  return out;
}

function factOf(path: string, content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return parseIni(content) ?? `error loading facts as JSON or ini - please check content: ${path}`;
  }
}

/** The `local` section: each file's name (without .fact) -> its facts, in name order. */
export function parseLocalFacts(text: string): Record<string, unknown> {
  const files: { path: string; kind: string; body: string[]; rc?: number }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(LOCAL_FILE)) {
      const rest = line.slice(LOCAL_FILE.length);
      const [kind = '', ...p] = rest.split(' ');
      const last = files[files.length - 1];
      if (kind === 'rc' && last !== undefined) last.rc = Number(p[0]);
      else files.push({ path: p.join(' '), kind, body: [] });
    } else files[files.length - 1]?.body.push(line);
  }
  const local: Record<string, unknown> = dict();
  for (const f of files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const name = (f.path.split('/').pop() ?? '').replace(/\.fact$/, '');
    const content = f.body.join('\n');
    local[name] = f.kind === 'run' && f.rc !== 0 ? `Failure executing fact script (${f.path}), rc: ${f.rc ?? 'unknown'}, err: ` : factOf(f.path, content);
  }
  return { local };
}
