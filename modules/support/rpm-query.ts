// One rpm query for many package specs (names, name-version, name.arch, virtual provides, file paths) and its
// parser; plus parsers of `dnf check-update` and `dnf group list --installed --ids`.
import { quote, shellJoin } from '../../engine/core/quote.js';

export interface InstalledPackage {
  readonly name: string;
  readonly epoch: string;
  readonly version: string;
  readonly release: string;
  readonly arch: string;
}

// the "+ " prefix tells a package line from rpm's "package foo is not installed", which it also prints on stdout
const QUERY_FORMAT = '+ %{NAME} %{EPOCH} %{VERSION} %{RELEASE} %{ARCH}\\n';

/**
 * One shell command querying every spec: `rpm -q` matches names and name-version(-release)(.arch) specs; a spec
 * that is no package's name is tried as a capability (`--whatprovides`: virtual provides and file paths).
 * rpm exits non-zero when any spec is missing, so each spec gets its own "### spec" section and the script exits 0.
 * tagged: the words are "tag:spec" (the section header keeps the tag: "### install:qemu-kvm").
 */
export function rpmQueryCommand(specs: readonly string[], tagged = false): string {
  const qf = quote(QUERY_FORMAT);
  return [
    'command -v rpm >/dev/null || exit 127',
    `for n in ${shellJoin(specs)}; do`,
    `  printf '### %s\\n' "$n"`,
    // tagged: each word is "tag:spec", the header keeps the tag (a tag has no ':', a spec may: epoch)
    `  s=${tagged ? '${n#*:}' : '$n'}`,
    // "--": a spec is never an option (`--eval=%(cmd)` would run cmd), whatever check let it through
  `  rpm -q --qf ${qf} -- "$s" 2>/dev/null || rpm -q --whatprovides --qf ${qf} -- "$s" 2>/dev/null`,
    'done',
    'exit 0',
  ].join('\n');
}

/** spec -> the installed packages that satisfy it (empty: not installed). Specs without a section are absent. */
export function parseRpmQuery(stdout: string): Map<string, InstalledPackage[]> {
  const out = new Map<string, InstalledPackage[]>();
  let current: InstalledPackage[] | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('### ')) {
      current = [];
      out.set(line.slice(4), current);
      continue;
    }
    const m = /^\+ (\S+) (\S+) (\S+) (\S+) (\S+)$/.exec(line.trimEnd());
    if (current && m) {
      const [, name = '', epoch = '', version = '', release = '', arch = ''] = m;
      current.push({ name, epoch: epoch === '(none)' ? '' : epoch, version, release, arch });
    }
  }
  return out;
}

/** name-[epoch:]version-release.arch, as dnf prints it (epoch 0 left out). */
export function nevra(p: InstalledPackage): string {
  const epoch = p.epoch !== '' && p.epoch !== '0' ? `${p.epoch}:` : '';
  return `${p.name}-${epoch}${p.version}-${p.release}${p.arch === '(none)' ? '' : `.${p.arch}`}`;
}

export interface AvailableUpdate {
  readonly name: string;
  readonly arch: string;
  readonly version: string;
  readonly repo: string;
}

/** `dnf -q check-update` / `yum -q check-update` (exit 100 when there are updates): "name.arch  evr  repo" lines. */
export function parseCheckUpdate(stdout: string): AvailableUpdate[] {
  const out: AvailableUpdate[] = [];
  for (const line of stdout.split('\n')) {
    // "Obsoleting Packages" lists replacements, not updates of installed names
    if (/^Obsoleting Packages/i.test(line)) break;
    const m = /^(\S+)\.([^.\s]+)\s+(\S+)\s+(\S+)\s*$/.exec(line);
    if (m?.[1] !== undefined) out.push({ name: m[1], arch: m[2] ?? '', version: m[3] ?? '', repo: m[4] ?? '' });
  }
  return out;
}

export interface InstalledGroup {
  readonly name: string;
  readonly id: string;
}

/** `dnf -q group list --installed --ids` (or yum's `grouplist installed ids`): "   Name (id)" lines under headers. */
export function parseGroupList(stdout: string): InstalledGroup[] {
  const out: InstalledGroup[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^\s+(.+?)\s+\(([^()]+)\)\s*$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) out.push({ name: m[1], id: m[2] });
  }
  return out;
}
