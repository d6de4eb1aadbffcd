// pip: Python packages, system-wide or in a virtualenv (created when missing), as ansible.builtin.pip does: pip
// runs every time and its own words decide "changed" (Successfully installed / uninstalled, or `pip list` before
// and after for requirement files and VCS sources); check mode compares `pip list --format=freeze`.
import { Type, type Static } from '@sinclair/typebox';
import { quote, shellJoin } from '../engine/core/quote.js';
import { choice, operand } from './common/schema.js';
import { scriptRecords } from './common/script-records.js';
import { shlexSplit } from './common/shlex.js';
import { defineModule, type Finish, type StepOutput } from './contract.js';
import { isPresent, pipPackage, recoverPackageNames, type PipPackage } from './support/pip-spec.js';

const STATE_ARGS = {
  present: ['install'],
  absent: ['uninstall', '-y'],
  latest: ['install', '-U'],
  forcereinstall: ['install', '-U', '--force-reinstall'],
} as const;

const params = Type.Object({
  name: Type.Optional(Type.Array(operand('A requirement: a name with version specifiers (flask>=2,<3), a URL, a path or a VCS source (git+https://...).'), { description: 'Packages; a list or a comma-separated string.' })),
  version: Type.Optional(Type.String({ description: 'The version of the one package in name (1.2.3, or a specifier such as ">=1.2").' })),
  requirements: Type.Optional(operand('A requirements file on the host (pip -r).')),
  virtualenv: Type.Optional(operand('A virtualenv directory to install into; created when it has no bin/activate.')),
  virtualenv_site_packages: Type.Boolean({ description: 'The new virtualenv sees the system site-packages.', default: false }),
  virtualenv_command: Type.String({ description: 'The command that creates the virtualenv (virtualenv, "python3 -m venv", a path).', default: 'virtualenv' }),
  virtualenv_python: Type.Optional(operand('The Python of the new virtualenv (virtualenv -p; not with venv).')),
  state: choice(Object.keys(STATE_ARGS) as (keyof typeof STATE_ARGS)[], { description: 'present, absent, latest (upgrade), forcereinstall.', default: 'present' }),
  extra_args: Type.Optional(Type.String({ description: 'More pip options (--no-index --find-links /srv/wheels ...).' })),
  editable: Type.Boolean({ description: 'Install in editable mode (pip -e).', default: false }),
  chdir: Type.Optional(operand('The directory pip runs in (default: the temporary directory).')),
  executable: Type.Optional(operand('The pip to run: a name on PATH (pip3.11) or a path.')),
  umask: Type.Optional(Type.String({ pattern: '^[0-7]{1,4}$', description: 'The umask while installing, an octal string ("0022").' })),
});
type Params = Static<typeof params>;

interface PipJob {
  readonly packages: readonly PipPackage[];
  readonly env: string | undefined;
  readonly chdir: string;
  /** pip's arguments after the pip command */
  readonly args: readonly string[];
  /** `pip list` before and after decides (requirement files, VCS sources) */
  readonly compareLists: boolean;
  /** the virtualenv command line, quoted, when there is a virtualenv to create */
  readonly venvCommand?: string | undefined;
}

const VCS = /^(svn|git|hg|bzr)\+/;

function words(text: string, what: string): string[] | string {
  const w = shlexSplit(text);
  return typeof w === 'string' ? `${what}: ${w}` : w;
}

/** The job, or Ansible's message for the parameters it refuses. */
function jobFor(p: Params): PipJob | string {
  if (p.state === 'latest' && p.version !== undefined) return 'version is incompatible with state=latest';
  const names = p.name === undefined ? [] : recoverPackageNames(p.name);
  let packages = names.map((n) => pipPackage(n));
  if (p.version !== undefined && packages.length > 0) {
    if (packages.length > 1) return "'version' argument is ambiguous when installing multiple package distributions. Please specify version restrictions next to each package in 'name' argument.";
    if ((packages[0]?.specs.length ?? 0) > 0) return "The 'version' argument conflicts with any version specifier provided along with a package name. Please keep the version specifier, but remove the 'version' argument.";
    packages = [pipPackage(packages[0]?.text ?? '', p.version)];
  }
  const extra = p.extra_args === undefined ? [] : words(p.extra_args, 'extra_args');
  if (typeof extra === 'string') return extra;
  if (p.editable && !extra.includes('-e')) extra.push('-e');
  const env = p.virtualenv === undefined ? undefined : p.chdir !== undefined && !p.virtualenv.startsWith('/') ? `${p.chdir}/${p.virtualenv}` : p.virtualenv;
  let venvCommand: string | undefined;
  if (env !== undefined) {
    const cmd = words(p.virtualenv_command, 'virtualenv_command');
    if (typeof cmd === 'string') return cmd;
    const isVenv = ['pyvenv', '-m venv'].some((x) => p.virtualenv_command.includes(x));
    if (isVenv && p.virtualenv_python !== undefined) return 'virtualenv_python should not be used when using the venv module or pyvenv as virtualenv_command';
    if (p.virtualenv_site_packages) cmd.push('--system-site-packages');
    if (!isVenv) cmd.push(`-p${p.virtualenv_python ?? 'python3'}`);
    venvCommand = shellJoin([...cmd, env]);
  }
  const targets = packages.length > 0 ? packages.map((x) => x.text) : p.requirements !== undefined ? ['-r', p.requirements] : [];
  return {
    packages,
    env,
    chdir: p.chdir ?? '/tmp',
    args: [...STATE_ARGS[p.state], ...extra, ...targets],
    compareLists: p.requirements !== undefined || names.some((n) => VCS.test(n)),
    venvCommand,
  };
}

/** Finds pip as Ansible's _get_pip: the virtualenv's pip3 or pip; the executable; python3 -m pip; pip3. */
function findPip(p: Params, env: string | undefined): string {
  const fail = (msg: string): string => `printf '\\001msg %s' ${quote(msg)}; exit 1`;
  if (env !== undefined) {
    return `E=${quote(env)}; PIP=; for b in pip3 pip; do if [ -x "$E/bin/$b" ]; then PIP="$E/bin/$b"; break; fi; done
[ -n "$PIP" ] || { ${fail(`Unable to find pip in the virtualenv, ${env}, under any of these names: pip3, pip. Make sure pip is present in the virtualenv.`)}; }
set -- "$PIP"`;
  }
  if (p.executable !== undefined) {
    if (p.executable.startsWith('/')) return `set -- ${quote(p.executable)}`;
    return `PIP=$(command -v ${quote(p.executable)}) || { ${fail(`Unable to find any of ${p.executable} to use.  pip needs to be installed.`)}; }
set -- "$PIP"`;
  }
  return `if python3 -c 'import pip' >/dev/null 2>&1; then set -- python3 -m pip.__main__
elif PIP=$(command -v pip3); then set -- "$PIP"
else ${fail('Unable to find any of pip3 to use.  pip needs to be installed.')}
fi`;
}

/** The probe: whether the virtualenv exists and, for check mode, what pip lists. */
function probeScript(p: Params, job: PipJob): string {
  return `cd -- ${quote(job.chdir)} 2>/dev/null
${job.env === undefined ? '' : `[ -e ${quote(`${job.env}/bin/activate`)} ] || { printf '\\001novenv\\n'; exit 0; }`}
${findPip(p, job.env)}
printf '\\001list\\n'; LANG=C LC_ALL=C "$@" list --format=freeze 2>/dev/null || "$@" freeze`;
}

/** The run: the virtualenv made if missing, pip run (with `pip list` before and after when that decides). */
function runScript(p: Params, job: PipJob): string {
  const list = 'LANG=C LC_ALL=C "$@" list --format=freeze 2>/dev/null || "$@" freeze 2>/dev/null';
  return `${p.umask === undefined ? '' : `umask ${quote(p.umask)}`}
cd -- ${quote(job.chdir)} || exit 1
${
  job.venvCommand === undefined || job.env === undefined
    ? ''
    : `if [ ! -e ${quote(`${job.env}/bin/activate`)} ]; then
  printf '\\001venv\\n'
  out=$(${job.venvCommand} 2>&1) || { printf '\\001msg stdout: %s' "$out"; exit 1; }
  printf '%s\\n' "$out"
fi
PATH=${quote(`${job.env}/bin`)}:$PATH`
}
${findPip(p, job.env)}
${job.compareLists ? `before=$(${list})` : ''}
printf '\\001pip\\n'
ef=$(mktemp) || exit 1
out=$("$@" ${shellJoin(job.args)} 2>"$ef"); rc=$?; err=$(cat "$ef"); rm -f "$ef"
printf '%s\\n' "$out"
printf '\\001stderr %s\\n' "$err"
${job.compareLists ? `after=$(${list}); [ "$before" = "$after" ] || printf '\\001listchanged\\n'` : ''}
if [ $rc -ne 0 ]; then
  case $out$err in *'not installed'*) [ ${quote(p.state)} = absent ] && [ $rc -eq 1 ] && exit 0;; esac
  m=; [ -n "$out" ] && m="stdout: $out"; [ -n "$err" ] && m="$m
:stderr: $err"
  printf '\\001msg %s' "$m"; exit 1
fi`;
}

function finishPip(p: Params, outputs: readonly StepOutput[]): Finish {
  const o = outputs[0];
  if (o === undefined) return {};
  const s = scriptRecords(o.stdout);
  const stdout = s.get('pip') ?? '';
  const data = { name: p.name ?? null, version: p.version ?? null, state: p.state, requirements: p.requirements ?? null, virtualenv: p.virtualenv ?? null, stdout, stderr: (s.get('stderr') ?? '').replace(/\n$/, '') };
  if (o.code !== 0) return { failed: s.get('msg') ?? (o.stderr.trim() || `pip failed (exit code ${o.code})`) };
  const job = jobFor(p);
  const compare = typeof job !== 'string' && job.compareLists;
  const changed = p.state === 'absent' ? stdout.includes('Successfully uninstalled') : compare ? s.has('listchanged') : stdout.includes('Successfully installed');
  return { changed: changed || s.has('venv'), data };
}

export const pipModule = defineModule({
  name: 'pip',
  short: 'Install, upgrade or remove Python packages with pip, in a virtualenv if asked',
  params,
  requiredOneOf: [['name', 'requirements']],
  mutuallyExclusive: [['name', 'requirements'], ['executable', 'virtualenv']],
  checkMode: 'plan',
  examples: `- name: The application's packages in its own virtualenv
  pip:
    name: [flask>=2.0, gunicorn]
    virtualenv: /srv/app/venv
    virtualenv_command: python3 -m venv

- name: From a private wheel directory, no index
  pip:
    requirements: /srv/app/requirements.txt
    extra_args: --no-index --find-links /srv/wheels
`,
  probe(p, ctx): Record<string, string> {
    // only check mode looks before: a run lets pip decide
    const job = jobFor(p);
    return typeof job === 'string' || !ctx.check ? {} : { state: probeScript(p, job) };
  },
  plan(p, observed, ctx) {
    const job = jobFor(p);
    if (typeof job === 'string') return { kind: 'fail', msg: job };
    const s = scriptRecords(observed.state?.stdout ?? '');
    const summary = `pip ${job.args.join(' ')}${job.env === undefined ? '' : ` in ${job.env}`}`;
    if (ctx.check) {
      if (s.has('novenv') || p.extra_args !== undefined || p.requirements !== undefined || p.state === 'latest' || job.packages.length === 0) return { kind: 'change', summary, steps: [] };
      if (observed.state?.code !== 0) return { kind: 'fail', msg: s.get('msg') ?? 'pip could not list the installed packages' };
      const list = s.get('list') ?? '';
      const differs = job.packages.some((x) => (p.state === 'absent' ? isPresent(x, list) : !isPresent(x, list)));
      if (!differs) return { kind: 'ok', reason: `${job.packages.map((x) => x.text).join(', ')} ${p.state === 'absent' ? 'not installed' : 'installed'}` };
      return { kind: 'change', summary, steps: [] };
    }
    return { kind: 'change', summary, steps: [{ cmd: runScript(p, job), describe: summary }] };
  },
  finish: (p, outputs) => finishPip(p, outputs),
});
