// Package planning for dnf/yum hosts, shared by the yum module and the package module: one probe round trip for
// every name, one transaction for everything that must change, dnf's own message when it fails.
import { shellJoin } from '../../engine/core/quote.js';
import { looksLikeOption } from '../common/schema.js';
import type { Finish, Observed, Plan, Step, StepOutput } from '../contract.js';
import { dnfSwitches, type DnfSwitchParams } from './dnf-switches.js';
import { nevra, parseCheckUpdate, parseGroupList, parseRpmQuery, rpmQueryCommand, type InstalledPackage } from './rpm-query.js';

export type PackageState = 'present' | 'installed' | 'latest' | 'absent' | 'removed';

export interface PackageRequest {
  /** names, name-version specs, name.arch, virtual provides, file paths, @group / @^environment; ['*'] with latest */
  readonly names: readonly string[];
  readonly state: PackageState;
  readonly enablerepo?: readonly string[] | undefined;
  readonly disablerepo?: readonly string[] | undefined;
  readonly updateCache?: boolean | undefined;
  readonly disableGpgCheck?: boolean | undefined;
  /** dnf switches as single words (--allowerasing, --exclude=PATTERN, --setopt=...), for every query and transaction */
  readonly switches?: readonly string[] | undefined;
}

/** The describe of the post-transaction query step, by which finishPackages finds it. */
const POST_QUERY = 'read the versions now installed';
/** Post-query section headers carry what happened to the spec: "### install:qemu-kvm". */
type Action = 'install' | 'upgrade';

/** A comma string or a list, as Ansible takes `name`: split, trimmed, empty parts dropped. */
export function packageNames(name: string | readonly string[]): string[] {
  const list = typeof name === 'string' ? [name] : name;
  return list.flatMap((n) => n.split(',')).map((n) => n.trim()).filter((n) => n !== '');
}

/** The yum/dnf/package module parameters a PackageRequest is built from. */
export interface YumRequestParams extends DnfSwitchParams {
  readonly name: string | readonly string[];
  readonly state: PackageState;
  readonly enablerepo?: readonly string[] | undefined;
  readonly disablerepo?: readonly string[] | undefined;
  readonly update_cache?: boolean | undefined;
  readonly disable_gpg_check?: boolean | undefined;
}

/** The request the yum and package modules plan from. */
export function yumRequest(p: YumRequestParams): PackageRequest {
  return {
    names: packageNames(p.name),
    state: p.state,
    enablerepo: p.enablerepo,
    disablerepo: p.disablerepo,
    updateCache: p.update_cache,
    disableGpgCheck: p.disable_gpg_check,
    switches: dnfSwitches(p),
  };
}

function isGroup(spec: string): boolean {
  return spec.startsWith('@');
}

/** The names and repository ids that start with "-" (schema checks refuse them; this is the last line). */
function optionLike(req: PackageRequest): string[] {
  return [...req.names, ...(req.enablerepo ?? []), ...(req.disablerepo ?? [])].filter(looksLikeOption);
}

const TOOL_PROBE = 'command -v dnf || command -v yum';

/**
 * Probes for planPackages: which tool, the rpm query for all names, installed groups, updates for latest; in
 * check mode also a dry-run transaction (--assumeno), so that a package no repository has fails the check as it
 * would fail the run, instead of being predicted as installed.
 */
export function packageProbes(req: PackageRequest, check = false): Record<string, string> {
  // dnf reads a name such as --installroot=/x as an option, and `--` does not help (el8: `dnf remove -- --x` is
  // "unrecognized arguments"): none goes near it (planPackages says why)
  if (optionLike(req).length > 0) return {};
  const pkgs = req.names.filter((n) => !isGroup(n) && n !== '*');
  const probes: Record<string, string> = { tool: TOOL_PROBE };
  const wanted = req.names.filter((n) => n !== '*');
  if (check && req.state !== 'absent' && req.state !== 'removed' && wanted.length > 0) {
    probes.resolve = `pm=$(${TOOL_PROBE}) || exit 127; "$pm" -q --assumeno ${shellJoin(repoOptions(req))} install ${shellJoin(wanted)}`;
  }
  if (pkgs.length > 0) probes.rpm = rpmQueryCommand(pkgs);
  if (req.names.some(isGroup)) {
    probes.groups = 'if command -v dnf >/dev/null; then dnf -q group list --installed --ids; else yum -q grouplist installed ids hidden; fi';
  }
  if (req.state === 'latest') {
    const names = req.names.filter((n) => !isGroup(n) && n !== '*');
    const refresh = req.updateCache ? 'if command -v dnf >/dev/null; then set -- --refresh; else yum -q clean expire-cache >/dev/null; fi; ' : '';
    probes.updates = `pm=$(${TOOL_PROBE}) || exit 127; ${refresh}"$pm" -q ${shellJoin(repoOptions(req))} "$@" check-update ${shellJoin(names)}`;
  }
  return probes;
}

function repoOptions(req: PackageRequest): string[] {
  // dnf applies repo switches in order: disabling first lets `disablerepo: '*'` + `enablerepo: x` mean "only x"
  return [...(req.disablerepo ?? []).map((r) => `--disablerepo=${r}`), ...(req.enablerepo ?? []).map((r) => `--enablerepo=${r}`), ...(req.switches ?? [])];
}

/** The transaction: `dnf -y [options] VERB specs...` in one command line. */
function transaction(tool: string, req: PackageRequest, verb: string, specs: readonly string[]): string {
  const opts = repoOptions(req);
  if (req.disableGpgCheck && verb !== 'remove') opts.push('--nogpgcheck');
  if (req.updateCache && verb !== 'remove' && tool === 'dnf') opts.push('--refresh');
  const pre = req.updateCache && verb !== 'remove' && tool !== 'dnf' ? `${tool} -q clean expire-cache && ` : '';
  return `${pre}${shellJoin([tool, '-y', ...opts, verb, ...specs])}`;
}

/** The plan for a package request from what packageProbes observed. */
export function planPackages(req: PackageRequest, observed: Observed): Plan {
  if (req.names.length === 0) return { kind: 'fail', msg: 'name: no package given' };
  const bad = optionLike(req);
  if (bad.length > 0) return { kind: 'fail', msg: `name/enablerepo/disablerepo: ${bad.map((b) => `"${b}"`).join(', ')} would be read as an option by dnf` };
  if (req.names.includes('*') && (req.state !== 'latest' || req.names.length > 1)) {
    return { kind: 'fail', msg: "name '*' is only valid alone with state latest (upgrade every package)" };
  }
  const toolOut = observed.tool;
  const tool = toolOut?.code === 0 ? (toolOut.stdout.trim().split('/').pop() ?? '') : '';
  if (tool !== 'dnf' && tool !== 'yum') return { kind: 'fail', msg: 'neither dnf nor yum was found on the host' };
  const rpm = observed.rpm;
  if (rpm && rpm.code === 127) return { kind: 'fail', msg: 'rpm was not found on the host' };
  if (rpm && rpm.code !== 0) return { kind: 'fail', msg: `rpm query failed: ${rpm.stderr.trim() || `exit code ${rpm.code}`}` };
  const installed = parseRpmQuery(rpm?.stdout ?? '');
  const groupsOut = observed.groups;
  const groups = groupsOut ? parseGroupList(groupsOut.stdout) : [];
  const has = (spec: string): InstalledPackage[] | boolean => {
    if (!isGroup(spec)) return installed.get(spec) ?? [];
    const g = spec.replace(/^@\^?/, '').toLowerCase();
    return groups.some((x) => x.id.toLowerCase() === g || x.name.toLowerCase() === g);
  };
  const isInstalled = (spec: string): boolean => {
    const h = has(spec);
    return typeof h === 'boolean' ? h : h.length > 0;
  };
  const versions = (specs: readonly string[]): string[] =>
    specs.flatMap((s) => {
      const h = has(s);
      return typeof h === 'boolean' ? [s] : h.map(nevra);
    });

  if (req.state === 'absent' || req.state === 'removed') {
    const present = req.names.filter(isInstalled);
    if (present.length === 0) return { kind: 'ok', reason: `not installed: ${req.names.join(', ')}`, data: { removed: [] } };
    const removed = versions(present);
    return {
      kind: 'change',
      summary: `remove ${removed.join(', ')}`,
      steps: [{ cmd: transaction(tool, req, 'remove', present), describe: `remove ${present.join(', ')}` }],
      data: { removed },
    };
  }

  const missing = req.names.filter((n) => n !== '*' && !isInstalled(n));
  // check mode: dnf's dry run exits 1 both for "would install" (Operation aborted.) and for errors: its words decide
  const resolve = observed.resolve;
  const unresolvable = missing.length > 0 && resolve && resolve.code !== 0 ? dnfError(resolve.stdout, resolve.stderr) : undefined;
  if (unresolvable !== undefined) return { kind: 'fail', msg: unresolvable, data: { install: missing } };
  let upgrades: string[] = [];
  if (req.state === 'latest') {
    const u = observed.updates;
    if (u && u.code !== 0 && u.code !== 100) return { kind: 'fail', msg: `${tool} check-update failed: ${dnfError(u.stdout, u.stderr) ?? `exit code ${u.code}`}` };
    const available = new Set(parseCheckUpdate(u?.stdout ?? '').map((a) => a.name));
    if (req.names.includes('*')) {
      if (available.size === 0) return { kind: 'ok', reason: 'every package is up to date' };
      const names = [...available].sort();
      return { kind: 'change', summary: `upgrade ${names.join(', ')}`, steps: [{ cmd: transaction(tool, req, 'upgrade', []), describe: 'upgrade every package' }], data: { upgraded: names } };
    }
    upgrades = req.names.filter((n) => {
      const h = has(n);
      return typeof h !== 'boolean' && h.some((p) => available.has(p.name));
    });
  }
  if (missing.length === 0 && upgrades.length === 0) {
    const what = versions(req.names);
    return { kind: 'ok', reason: `${req.state === 'latest' ? 'installed and up to date' : 'installed'}: ${what.join(', ')}`, data: { installed: [], upgraded: [] } };
  }
  // `install` also upgrades installed packages to the newest version: one transaction for both
  const verb = missing.length > 0 ? 'install' : 'upgrade';
  const specs = [...missing, ...upgrades];
  const summary = [missing.length > 0 ? `install ${missing.join(', ')}` : '', upgrades.length > 0 ? `upgrade ${versions(upgrades).join(', ')}` : ''].filter((s) => s !== '').join('; ');
  const steps: Step[] = [{ cmd: transaction(tool, req, verb, specs), describe: summary }];
  const queried = [...missing.map((s) => ['install', s] as const), ...upgrades.map((s) => ['upgrade', s] as const)].filter(([, s]) => !isGroup(s));
  if (queried.length > 0) steps.push(postQuery(queried));
  return { kind: 'change', summary, steps, data: { install: missing, upgrade: upgrades } };
}

function postQuery(specs: readonly (readonly [Action, string])[]): Step {
  return { cmd: rpmQueryCommand(specs.map(([action, spec]) => `${action}:${spec}`), true), describe: POST_QUERY, okCodes: [0, 127] };
}

/** dnf's / yum's own error lines ("Error: Unable to find a match: foo", "No match for argument: foo"). */
export function dnfError(stdout: string, stderr: string): string | undefined {
  const noMatch = `${stdout}\n${stderr}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(No match for argument|No package .* available)/.test(l));
  // "Error:" may be followed by the solver's " Problem: ..." / "  - nothing provides ..." lines of the same stream
  const errorBlock = (text: string): string[] => {
    const lines = text.split('\n').map((l) => l.trimEnd());
    const at = lines.findIndex((l) => l.startsWith('Error:'));
    return at < 0 ? [] : lines.slice(at, at + 10).filter((l) => l.trim() !== '');
  };
  const all = [...new Set([...noMatch, ...errorBlock(stderr), ...errorBlock(stdout)])];
  return all.length > 0 ? all.join('\n') : undefined;
}

/** After the transaction: dnf's message on failure; else what was installed and upgraded, with versions. */
export function finishPackages(outputs: readonly StepOutput[]): Finish {
  const tx = outputs[0];
  if (tx && tx.code !== 0) {
    return { failed: dnfError(tx.stdout, tx.stderr) ?? `${tx.step.describe} failed: ${(tx.stderr.trim() || tx.stdout.trim()).split('\n').slice(-5).join('\n')}` };
  }
  const post = outputs.find((o) => o.step.describe === POST_QUERY);
  if (!post) return {};
  const installed: string[] = [];
  const upgraded: string[] = [];
  for (const [header, pkgs] of parseRpmQuery(post.stdout)) {
    (header.startsWith('upgrade:') ? upgraded : installed).push(...pkgs.map(nevra));
  }
  return { data: { installed, upgraded } };
}
