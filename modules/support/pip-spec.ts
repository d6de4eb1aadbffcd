// Package names as Ansible's pip module reads them: the names a comma split apart joined again
// (_recover_package_name), requirement strings (name[extras] and version specifiers) and whether an installed
// version satisfies them (check mode's _is_present), with PEP 440 versions compared by their release numbers.

const OPERATORS = ['~=', '===', '==', '!=', '<=', '>=', '<', '>'] as const;
type Operator = (typeof OPERATORS)[number];

export interface PipPackage {
  /** what goes on pip's command line: a plain requirement normalized as setuptools prints it, else the text */
  readonly text: string;
  /** PEP 503's canonical name of a plain requirement; undefined for a URL, a path or a VCS source */
  readonly canonical?: string | undefined;
  readonly specs: readonly { readonly op: Operator; readonly version: string }[];
}

const REQUIREMENT = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*?)\s*$/;
const SPEC = /^(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9.*+!_-]+)$/;

/** PEP 503: runs of -, _ and . become one -, lower case. */
export function canonicalName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Ansible's _is_package_name: not a bare version specifier. */
function isPackageName(part: string): boolean {
  return !OPERATORS.some((op) => part.trimStart().startsWith(op));
}

/** Ansible's _recover_package_name: ['django>1.11.1', '<1.11.3', 'x'] -> ['django>1.11.1,<1.11.3', 'x']. */
export function recoverPackageNames(names: readonly string[]): string[] {
  const parts = names.flatMap((n) => n.split(','));
  const out: string[] = [];
  let current: string[] = [];
  let inBrackets = false;
  for (const part of parts) {
    if (isPackageName(part) && !inBrackets) {
      if (current.length > 0) out.push(current.join(','));
      current = [];
    }
    if (part.includes('[')) inBrackets = true;
    if (inBrackets && part.includes(']')) inBrackets = false;
    current.push(part);
  }
  out.push(current.join(','));
  return out;
}

/** A requirement as Ansible's Package(name, version) makes it; `version` joins a single plain name. */
export function pipPackage(name: string, version?: string): PipPackage {
  let text = name;
  if (version !== undefined && version !== '') {
    const v = version.trimStart();
    text = /^\d/.test(v) ? `${name}==${v}` : `${name} ${v}`;
  }
  const m = REQUIREMENT.exec(text);
  if (m === null) return { text, specs: [] };
  const [, project = '', extras = '', rest = ''] = m;
  const specs: { op: Operator; version: string }[] = [];
  if (rest !== '') {
    for (const s of rest.split(',')) {
      const sm = SPEC.exec(s.trim());
      if (sm === null) return { text, specs: [] };
      specs.push({ op: sm[1] as Operator, version: sm[2] as string });
    }
  }
  const normalized = `${project}${extras.replace(/\s+/g, '')}${specs.map((s) => `${s.op}${s.version}`).join(',')}`;
  return { text: normalized, canonical: canonicalName(project), specs };
}

/** The release numbers of a version (1.10.0rc1 -> [1, 10, 0]); pre- and post-release tags are not ordered. */
function release(version: string): number[] {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(version.trim());
  return m === null ? [] : (m[1] as string).split('.').map(Number);
}

function compare(a: string, b: string): number {
  const x = release(a);
  const y = release(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function matches(installed: string, op: Operator, wanted: string): boolean {
  if ((op === '==' || op === '!=') && wanted.endsWith('.*')) {
    const prefix = release(wanted.slice(0, -2));
    const same = prefix.every((n, i) => release(installed)[i] === n);
    return op === '==' ? same : !same;
  }
  const c = compare(installed, wanted);
  switch (op) {
    case '==': return c === 0;
    case '===': return installed === wanted;
    case '!=': return c !== 0;
    case '<=': return c <= 0;
    case '>=': return c >= 0;
    case '<': return c < 0;
    case '>': return c > 0;
    case '~=': {
      // compatible release: >= V and == V without its last number .*
      const prefix = release(wanted).slice(0, -1);
      return c >= 0 && prefix.every((n, i) => release(installed)[i] === n);
    }
  }
}

/** Ansible's _is_present: a `name==version` line of `pip list --format=freeze` that satisfies the requirement. */
export function isPresent(pkg: PipPackage, freeze: string): boolean {
  if (pkg.canonical === undefined) return false;
  for (const line of freeze.split('\n')) {
    const at = line.indexOf('==');
    if (at < 0) continue;
    if (canonicalName(line.slice(0, at)) !== pkg.canonical) continue;
    const version = line.slice(at + 2).trim();
    if (pkg.specs.every((s) => matches(version, s.op, s.version))) return true;
  }
  return false;
}
