// The Debian mirror apt uses: parsed from /etc/apt/sources.list and sources.list.d (one-line and deb822 forms).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../../engine/core/errors.js';

export interface AptSource {
  uri: string;
  suite: string;
  components: string[];
}

/** One-line format: `deb [opts] URI SUITE COMP...`. */
export function parseSourcesList(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    out.push({ uri: m[1], suite: m[2], components: (m[3] ?? '').split(/\s+/).filter(Boolean) });
  }
  return out;
}

/** deb822 format: stanzas of `Field: value` separated by blank lines. */
export function parseDeb822(text: string): AptSource[] {
  const out: AptSource[] = [];
  const stanzas = text.split(/\n\s*\n/);
  for (const stanza of stanzas) {
    const fields = new Map<string, string>();
    let last = '';
    for (const raw of stanza.split('\n')) {
      if (raw.startsWith('#')) continue;
      if (/^\s/.test(raw) && last) {
        fields.set(last, `${fields.get(last) ?? ''} ${raw.trim()}`);
        continue;
      }
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(raw);
      if (m?.[1]) {
        last = m[1].toLowerCase();
        fields.set(last, m[2] ?? '');
      }
    }
    const words = (k: string): string[] => (fields.get(k) ?? '').split(/\s+/).filter(Boolean);
    if (!words('types').includes('deb') || fields.get('enabled')?.trim() === 'no') continue;
    for (const uri of words('uris')) for (const suite of words('suites')) out.push({ uri, suite, components: words('components') });
  }
  return out;
}

export function readAptSources(root = '/etc/apt'): AptSource[] {
  const out: AptSource[] = [];
  const read = (p: string): string => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return '';
    }
  };
  out.push(...parseSourcesList(read(join(root, 'sources.list'))));
  let entries: string[];
  try {
    entries = readdirSync(join(root, 'sources.list.d')).sort();
  } catch {
    entries = [];
  }
  for (const f of entries) {
    const p = join(root, 'sources.list.d', f);
    if (f.endsWith('.list')) out.push(...parseSourcesList(read(p)));
    else if (f.endsWith('.sources')) out.push(...parseDeb822(read(p)));
  }
  return out;
}

/** mmdebstrap mirror arguments for the release `codename`: the Debian entries apt uses for it. */
export function debianMirrorLines(sources: readonly AptSource[], codename: string): string[] {
  const lines = sources
    .filter((s) => s.suite === codename || s.suite.startsWith(`${codename}-`) || s.suite.startsWith(`${codename}/`))
    .map((s) => `deb ${s.uri} ${s.suite} ${s.components.length ? s.components.join(' ') : 'main'}`);
  if (!lines.some((l) => l.split(' ')[2] === codename)) {
    throw new LabError(`no Debian '${codename}' entry in /etc/apt/sources.list*: cannot tell which mirror to build the lab image from`);
  }
  return [...new Set(lines)];
}

export function hostCodename(osRelease = '/etc/os-release'): string {
  const text = readFileSync(osRelease, 'utf8');
  const m = /^VERSION_CODENAME=("?)([a-z]+)\1$/m.exec(text);
  if (!m?.[2]) throw new LabError(`cannot read VERSION_CODENAME from ${osRelease}: the lab image is built with this machine's Debian release`);
  return m[2];
}
