// Package planning for dnf/yum hosts, shared by the yum module and the package module: one probe round trip for
// every name, one transaction for everything that must change (in check mode the same with --assumeno), dnf's own
// message when it fails, and Ansible's response: msg, rc and results, every package of the transaction as dnf -v's
// solver names it ("Installed: NEVRA", "Removed: NEVRA").
import { quote, shellJoin } from '../../engine/core/quote.js';
import { looksLikeOption } from '../common/schema.js';
import type { Finish, Observed, Plan, Step, StepOutput } from '../contract.js';
import { repoArgs } from './dnf-repo-args.js';
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
  /** remove the leaf packages nothing needs (with names: with their unneeded dependencies); only with state absent */
  readonly autoremove?: boolean | undefined;
  /** install no missing package, upgrade the installed ones (Ansible's update_only) */
  readonly updateOnly?: boolean | undefined;
  /** dnf switches as single words (--allowerasing, --exclude=PATTERN, --setopt=...), for every query and transaction */
  readonly switches?: readonly string[] | undefined;
}

/** Ansible's msg for a check-mode run that would change something. */
const CHECK_MSG = 'Check mode: No changes made, but would have if not in check mode';
/** The describe suffix of a check-mode dry run (--assumeno), by which finishPackages knows one. */
const DRY_RUN = ' (dry run)';
/** Lines a transaction step prints before dnf runs, for the results list (update_only's notes). */
const NOTE = 'kplay-result: ';
/** The msg Ansible's dnf returns when nothing changed (kplay's reason, for the terminal, says more). */
const NOTHING = 'Nothing to do';
/** The describe of update_cache's refresh without names: it reports ok, as Ansible's "Cache updated". */
const CACHE_REFRESH = 'refresh the metadata cache';
const AUTOREMOVE_STATE = 'Autoremove should be used alone or with state=absent';

/** A comma string or a list, as Ansible takes `name`: split, trimmed, empty parts dropped. */
export function packageNames(name: string | readonly string[]): string[] {
  const list = typeof name === 'string' ? [name] : name;
  return list.flatMap((n) => n.split(',')).map((n) => n.trim()).filter((n) => n !== '');
}

/** The yum/dnf/package module parameters a PackageRequest is built from. */
export interface YumRequestParams extends DnfSwitchParams {
  readonly name: string | readonly string[];
  /** unset: absent with autoremove, else present (Ansible's default is None for this reason) */
  readonly state?: PackageState | undefined;
  readonly enablerepo?: readonly string[] | undefined;
  readonly disablerepo?: readonly string[] | undefined;
  readonly update_cache?: boolean | undefined;
  readonly disable_gpg_check?: boolean | undefined;
  readonly autoremove?: boolean | undefined;
  readonly update_only?: boolean | undefined;
}

/** The request the yum and package modules plan from. */
export function yumRequest(p: YumRequestParams): PackageRequest {
  return {
    names: packageNames(p.name),
    state: p.state ?? (p.autoremove === true ? 'absent' : 'present'),
    enablerepo: p.enablerepo,
    disablerepo: p.disablerepo,
    updateCache: p.update_cache,
    disableGpgCheck: p.disable_gpg_check,
    autoremove: p.autoremove,
    updateOnly: p.update_only,
    switches: dnfSwitches(p),
  };
}

function isGroup(spec: string): boolean {
  return spec.startsWith('@');
}

function removing(req: PackageRequest): boolean {
  return req.state === 'absent' || req.state === 'removed';
}

/** update_cache with no name: only the refresh, as Ansible's dnf exits with "Cache updated" before anything else. */
function cacheOnly(req: PackageRequest): boolean {
  return req.names.length === 0 && req.updateCache === true;
}

/** The names and repository ids that start with "-" (schema checks refuse them; this is the last line). */
function optionLike(req: PackageRequest): string[] {
  return [...req.names, ...(req.enablerepo ?? []), ...(req.disablerepo ?? [])].filter(looksLikeOption);
}

const TOOL_PROBE = 'command -v dnf || command -v yum';

/**
 * Probes for planPackages: which tool, the rpm query for all names, installed groups, updates for latest. Check mode
 * has no probe of its own: its dry run (--assumeno) is the plan's check step, after the probes in the same channel.
 */
export function packageProbes(req: PackageRequest): Record<string, string> {
  // dnf reads a name such as --installroot=/x as an option, and `--` does not help (el8: `dnf remove -- --x` is
  // "unrecognized arguments"): none goes near it (planPackages says why)
  if (optionLike(req).length > 0) return {};
  if (cacheOnly(req) || (req.autoremove === true && !removing(req))) return { tool: TOOL_PROBE };
  const pkgs = req.names.filter((n) => !isGroup(n) && n !== '*');
  const probes: Record<string, string> = { tool: TOOL_PROBE };
  if (pkgs.length > 0) probes.rpm = rpmQueryCommand(pkgs);
  if (req.names.some(isGroup)) {
    probes.groups = 'if command -v dnf >/dev/null; then dnf -q group list --installed --ids; else yum -q grouplist installed ids hidden; fi';
  }
  if (req.autoremove === true) {
    // what `dnf autoremove` would remove now: the leaves installed as dependencies that nothing needs any more.
    // Only the repository switches: a filter such as --security would hide installed packages from the query
    const repos = repoOptions({ ...req, switches: [] });
    probes.unneeded = [
      `pm=$(${TOOL_PROBE}) || exit 127`,
      'case $pm in */dnf) ;; *) echo "autoremove needs dnf (repoquery --unneeded): $pm" >&2; exit 2;; esac',
      "printf '### unneeded\\n'",
      `${repos.setup}dnf -q ${repos.args} repoquery --unneeded --qf ${quote('+ %{name} %{epoch} %{version} %{release} %{arch}')}`,
    ].join('; ');
  }
  if (req.state === 'latest' || (req.updateOnly === true && !removing(req))) {
    const names = req.names.filter((n) => !isGroup(n) && n !== '*');
    const repos = repoOptions(req);
    // after the repository switches' setup, which may set "$@" itself: --refresh is added to it
    const refresh = req.updateCache ? `if command -v dnf >/dev/null; then set -- ${repos.setup === '' ? '' : '"$@" '}--refresh; else yum -q clean expire-cache >/dev/null; fi; ` : '';
    const args = repos.setup === '' ? `${repos.args} "$@"` : '"$@"';
    probes.updates = `pm=$(${TOOL_PROBE}) || exit 127; ${repos.setup}${refresh}"$pm" -q ${args} check-update ${shellJoin(names)}`;
  }
  return probes;
}

/** The repository switches and the others, as shell text (a pattern no configured repository matches is dropped). */
function repoOptions(req: PackageRequest, extra: readonly string[] = []): { readonly setup: string; readonly args: string } {
  return repoArgs({ disablerepo: req.disablerepo ?? [], enablerepo: req.enablerepo ?? [], switches: [...(req.switches ?? []), ...extra] });
}

/** Pieces of a command line joined by spaces, the empty ones (no repository switches) left out. */
const words = (...pieces: string[]): string => pieces.filter((p) => p !== '').join(' ');

/**
 * The transaction: `dnf -y -v [options] VERB specs...` in one command line; with `dry`, `--assumeno` instead of -y
 * (check mode: dnf resolves and stops, "Operation aborted."). -v makes dnf name every package of the resolved
 * transaction ("---> Package NAME.ARCH EVR will be installed/upgraded/erased"), which the results list is read from;
 * yum names them so without it. `notes` are printed first, results lines dnf cannot give (update_only's).
 */
function transaction(tool: string, req: PackageRequest, verb: string, specs: readonly string[], dry: boolean, notes: readonly string[] = []): string {
  const extra: string[] = [];
  // Ansible sets clean_requirements_on_remove to autoremove: a removed package's dependencies stay unless asked
  if (verb === 'remove') extra.push(`--setopt=clean_requirements_on_remove=${req.autoremove === true ? 'True' : 'False'}`);
  if (req.disableGpgCheck && verb !== 'remove') extra.push('--nogpgcheck');
  if (req.updateCache && verb !== 'remove' && tool === 'dnf') extra.push('--refresh');
  const pre = req.updateCache && verb !== 'remove' && tool !== 'dnf' ? `${tool} -q clean expire-cache && ` : '';
  const opts = repoOptions(req, extra);
  const printed = notes.length > 0 ? `printf '%s\\n' ${shellJoin(notes.map((n) => NOTE + n))}; ` : '';
  const head = [tool, dry ? '--assumeno' : '-y', ...(tool === 'dnf' ? ['-v'] : [])];
  return `${printed}${opts.setup}${pre}${words(shellJoin(head), opts.args, shellJoin([verb, ...specs]))}`;
}

/** The steps of a change, and the same transactions as check mode's dry runs (dnf exits 1 after "Operation aborted."). */
/** One dnf command of a change: its verb, specs, words for the terminal and results lines of its own (notes). */
interface Transaction {
  readonly verb: string;
  readonly specs: readonly string[];
  readonly describe: string;
  readonly notes?: readonly string[];
}

function changeSteps(tool: string, req: PackageRequest, txs: readonly Transaction[]): { steps: Step[]; checkSteps: Step[] } {
  return {
    steps: txs.map((t) => ({ cmd: transaction(tool, req, t.verb, t.specs, false, t.notes), describe: t.describe })),
    checkSteps: txs.map((t) => ({ cmd: transaction(tool, req, t.verb, t.specs, true, t.notes), describe: t.describe + DRY_RUN, okCodes: [0, 1] })),
  };
}

/** update_cache alone: the refresh runs (not in check mode) and reports ok, as Ansible's dnf does. */
function planCacheRefresh(tool: string, req: PackageRequest): Plan {
  const repos = repoOptions(req);
  const cmd = tool === 'dnf' ? `${repos.setup}${words('dnf -q', repos.args, 'makecache --refresh')}` : `${repos.setup}yum -q clean expire-cache && ${words('yum -q', repos.args, 'makecache')}`;
  // checkSteps: none, so check mode runs nothing and finishPackages (no output) reports ok
  return { kind: 'change', summary: 'Cache updated', steps: [{ cmd, describe: CACHE_REFRESH }], checkSteps: [], data: { msg: 'Cache updated', results: [], rc: 0 } };
}

/** The plan for a package request from what packageProbes observed. */
export function planPackages(req: PackageRequest, observed: Observed): Plan {
  if (req.autoremove === true && !removing(req)) return { kind: 'fail', msg: AUTOREMOVE_STATE, data: { results: [] } };
  const bad = optionLike(req);
  if (bad.length > 0) return { kind: 'fail', msg: `name/enablerepo/disablerepo: ${bad.map((b) => `"${b}"`).join(', ')} would be read as an option by dnf` };
  if (req.names.includes('*') && (req.state !== 'latest' || req.names.length > 1)) {
    return { kind: 'fail', msg: "name '*' is only valid alone with state latest (upgrade every package)" };
  }
  const toolOut = observed.tool;
  const tool = toolOut?.code === 0 ? (toolOut.stdout.trim().split('/').pop() ?? '') : '';
  if (tool !== 'dnf' && tool !== 'yum') return { kind: 'fail', msg: 'neither dnf nor yum was found on the host' };
  if (cacheOnly(req)) return planCacheRefresh(tool, req);
  if (req.names.length === 0 && req.autoremove !== true) return { kind: 'ok', reason: NOTHING, data: { msg: NOTHING, results: [], rc: 0 } };
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

  if (removing(req)) {
    const present = req.names.filter(isInstalled);
    let unneeded: string[] = [];
    if (req.autoremove === true) {
      const u = observed.unneeded;
      if (u && u.code !== 0) return { kind: 'fail', msg: dnfError(u.stdout, u.stderr) ?? (u.stderr.trim() || `dnf repoquery --unneeded failed: exit code ${u.code}`), data: { results: [] } };
      unneeded = (parseRpmQuery(u?.stdout ?? '').get('unneeded') ?? []).map(nevra);
    }
    if (present.length === 0 && unneeded.length === 0) {
      const reason = req.autoremove === true ? NOTHING : `not installed: ${req.names.join(', ')}`;
      return { kind: 'ok', reason, data: { msg: NOTHING, results: [], rc: 0 } };
    }
    // the summary is predicted; the results are read from what dnf did (or, in check mode, would do)
    const removed = [...versions(present), ...unneeded.filter((u) => !versions(present).includes(u))];
    const txs: Transaction[] = [];
    if (present.length > 0) txs.push({ verb: 'remove', specs: present, describe: `remove ${present.join(', ')}` });
    // base.autoremove() in Ansible's transaction: every unneeded leaf goes, not only the removed packages' ones
    if (req.autoremove === true) txs.push({ verb: 'autoremove', specs: [], describe: 'remove the packages nothing needs' });
    return { kind: 'change', summary: `remove ${removed.join(', ')}`, ...changeSteps(tool, req, txs), data: { msg: '', results: removed.map((r) => `Removed: ${r}`), rc: 0 } };
  }

  // update_only: a missing package is left out, as Ansible's dnf leaves it ("not installed due to update_only")
  const notInstalled = req.updateOnly === true ? req.names.filter((n) => n !== '*' && !isGroup(n) && !isInstalled(n)) : [];
  const results = notInstalled.map((n) => `Packages providing ${n} not installed due to update_only specified`);
  const missing = req.names.filter((n) => n !== '*' && !isInstalled(n) && !notInstalled.includes(n));
  let upgrades: string[] = [];
  if (req.state === 'latest' || req.updateOnly === true) {
    const u = observed.updates;
    if (u && u.code !== 0 && u.code !== 100) return { kind: 'fail', msg: `${tool} check-update failed: ${dnfError(u.stdout, u.stderr) ?? `exit code ${u.code}`}` };
    const available = new Set(parseCheckUpdate(u?.stdout ?? '').map((a) => a.name));
    if (req.names.includes('*')) {
      if (available.size === 0) return { kind: 'ok', reason: 'every package is up to date', data: { msg: NOTHING, results: [], rc: 0 } };
      const names = [...available].sort();
      return { kind: 'change', summary: `upgrade ${names.join(', ')}`, ...changeSteps(tool, req, [{ verb: 'upgrade', specs: [], describe: 'upgrade every package' }]), data: { msg: '', results: [], rc: 0 } };
    }
    upgrades = req.names.filter((n) => {
      const h = has(n);
      return typeof h !== 'boolean' && h.some((p) => available.has(p.name));
    });
  }
  if (missing.length === 0 && upgrades.length === 0) {
    if (notInstalled.length > 0 && notInstalled.length === req.names.length) return { kind: 'ok', reason: NOTHING, data: { msg: NOTHING, results, rc: 0 } };
    const what = versions(req.names.filter((n) => !notInstalled.includes(n)));
    return { kind: 'ok', reason: `${req.state === 'latest' ? 'installed and up to date' : 'installed'}: ${what.join(', ')}`, data: { msg: NOTHING, results, rc: 0 } };
  }
  // `install` also upgrades installed packages to the newest version: one transaction for both
  const verb = missing.length > 0 ? 'install' : 'upgrade';
  const specs = [...missing, ...upgrades];
  const summary = [missing.length > 0 ? `install ${missing.join(', ')}` : '', upgrades.length > 0 ? `upgrade ${versions(upgrades).join(', ')}` : ''].filter((s) => s !== '').join('; ');
  return { kind: 'change', summary, ...changeSteps(tool, req, [{ verb, specs, describe: summary, notes: results }]), data: { msg: '', results, rc: 0 } };
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

/** What a transaction did to packages, as Ansible's dnf names them: the install set and the remove set. */
export interface TransactionSets {
  /** installed, upgraded to, downgraded to, reinstalled, obsoleting: Ansible's transaction.install_set */
  readonly installed: string[];
  /** erased, upgraded from, downgraded from, obsoleted: Ansible's transaction.remove_set */
  readonly removed: string[];
}

/** The solver's words for a package of the install set (dnf's "will be installed", yum's "will be an update"). */
const INSTALL_WORDS = new Set(['installed', 'an upgrade', 'an update', 'a downgrade', 'reinstalled', 'obsoleting']);
/** The solver's words for a package of the remove set. */
const REMOVE_WORDS = new Set(['erased', 'upgraded', 'updated', 'downgraded', 'obsoleted']);

/**
 * The packages of a resolved transaction from the solver's lines, which dnf prints with -v (yum without it):
 * "---> Package NAME.ARCH [EPOCH:]VERSION-RELEASE will be installed". Named as hawkey's str(package) names them, as
 * Ansible's results list does: NAME-[EPOCH:]VERSION-RELEASE.ARCH, the epoch only when not 0 (yum always prints it).
 * Each package once, in dnf's order.
 */
export function parseTransaction(stdout: string): TransactionSets {
  const installed = new Set<string>();
  const removed = new Set<string>();
  for (const line of stdout.split('\n')) {
    const m = /^---> Package (\S+)\.([^.\s]+) (\S+) will be (.+?)\s*$/.exec(line);
    if (!m) continue;
    const [, name, arch, evr, what] = m as unknown as [string, string, string, string, string];
    const nevraText = `${name}-${evr.replace(/^0:/, '')}.${arch}`;
    if (INSTALL_WORDS.has(what)) installed.add(nevraText);
    else if (REMOVE_WORDS.has(what)) removed.add(nevraText);
  }
  return { installed: [...installed], removed: [...removed] };
}

const SOME_FAILED = 'Failed to install some of the specified packages';

/** The names dnf found no package for ("No match for argument: X"), in Ansible's words ("No package X available."). */
function failures(text: string): string[] {
  const names = [...text.matchAll(/^No match for argument: (\S+)/gm)].map((m) => m[1] ?? '');
  return [...new Set(names)].map((n) => `No package ${n} available.`);
}

/**
 * After the transaction (or check mode's dry run): on failure Ansible's message for packages dnf has no match for, else
 * dnf's own, with Ansible's failure keys (failures,
 * results [], rc 1); else Ansible's response: msg ("" for a change, its check-mode sentence, "Nothing to do"),
 * results ("Installed: ..." for the install set, then "Removed: ..." for the remove set, dependencies included;
 * "Downloaded: ..." with download_only) and rc 0.
 */
export function finishPackages(outputs: readonly StepOutput[]): Finish {
  // only check mode's empty checkSteps of update_cache alone: nothing ran, nothing changed
  if (outputs.length === 0) return { changed: false };
  const refresh = outputs.find((o) => o.step.describe === CACHE_REFRESH);
  if (refresh) {
    if (refresh.code !== 0) return { failed: dnfError(refresh.stdout, refresh.stderr) ?? (refresh.stderr.trim() || `exit code ${refresh.code}`), data: { results: [], rc: 1 } };
    return { changed: false, data: { msg: 'Cache updated', results: [], rc: 0 } };
  }
  const dry = outputs.some((o) => o.step.describe.endsWith(DRY_RUN));
  // a dry run exits 1 both for "Operation aborted." (it would change) and for errors: dnf's words decide
  const tx = outputs.find((o) => o.code !== 0 && (!dry || o.code !== 1 || dnfError(o.stdout, o.stderr) !== undefined));
  if (tx) {
    const missing = failures(`${tx.stdout}\n${tx.stderr}`);
    // packages dnf found no match for: Ansible's message, the names in `failures`
    const why = missing.length > 0 ? SOME_FAILED : (dnfError(tx.stdout, tx.stderr) ?? `${tx.step.describe} failed: ${(tx.stderr.trim() || tx.stdout.trim()).split('\n').slice(-5).join('\n')}`);
    return { failed: why, data: { failures: missing, results: [], rc: 1 } };
  }
  const notes = outputs.flatMap((o) => o.stdout.split('\n').filter((l) => l.startsWith(NOTE)).map((l) => l.slice(NOTE.length)));
  const sets = outputs.map((o) => parseTransaction(o.stdout));
  const installed = [...new Set(sets.flatMap((t) => t.installed))];
  const removed = [...new Set(sets.flatMap((t) => t.removed))];
  const action = outputs.some((o) => o.step.cmd.includes(' --downloadonly')) ? 'Downloaded' : 'Installed';
  const results = [...notes, ...installed.map((p) => `${action}: ${p}`), ...removed.map((p) => `Removed: ${p}`)];
  // dnf resolved nothing to do (a filter such as --security left nothing, or another run got there first)
  if (installed.length === 0 && removed.length === 0 && outputs.every((o) => /^Nothing to do\.?\s*$/m.test(o.stdout))) {
    return { changed: false, data: { msg: NOTHING, results: notes, rc: 0 } };
  }
  return { data: { msg: dry ? CHECK_MSG : '', results, rc: 0 } };
}
