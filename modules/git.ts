// git: a checkout of a repository at a version (branch, tag, commit or HEAD), cloned or fetched and switched as
// ansible.builtin.git does; changed when HEAD moved, local changes were reset, the remote URL or submodules changed.
import { posix } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { shellJoin } from '../engine/core/quote.js';
import { aliasOf, operand } from './common/schema.js';
import { shlexSplit } from './common/shlex.js';
import { defineModule, type Finish, type StepOutput } from './contract.js';
import { gitCloneScript, gitProbeScript, gitRecords, gitRelocateScript, gitUpdateScript, type GitJob } from './support/git-script.js';

const params = Type.Object({
  repo: Type.Optional(operand('The repository: a URL (https://, ssh://, git@host:path, file://) or a path on the host.')),
  name: aliasOf('repo', Type.Optional(operand('Alias of repo.'))),
  dest: Type.Optional(operand('Where the checkout is (required unless clone=no).')),
  version: operand('A branch, tag or commit, or HEAD (the remote default branch).', 'HEAD'),
  remote: operand('The name of the remote.', 'origin'),
  refspec: Type.Optional(operand('An extra refspec to fetch (refs/pull/1/head, refs/changes/...).')),
  reference: Type.Optional(operand('A local repository to borrow objects from (git clone --reference).')),
  force: Type.Boolean({ description: 'Discard local modifications of tracked files instead of failing.', default: false }),
  depth: Type.Optional(Type.Integer({ minimum: 1, description: 'A shallow clone with this much history (HEAD, branches, tags, or with refspec).' })),
  clone: Type.Boolean({ description: 'Clone when dest has no repository; with no: only read the remote revision.', default: true }),
  update: Type.Boolean({ description: 'Fetch and switch to the version when the repository exists.', default: true }),
  accept_hostkey: Type.Boolean({ description: 'Add the server key to known hosts without asking (ssh StrictHostKeyChecking=no).', default: false }),
  accept_newhostkey: Type.Boolean({ description: 'Accept a new server key, never a changed one (StrictHostKeyChecking=accept-new).', default: false }),
  key_file: Type.Optional(operand('The SSH private key on the host for ssh:// and git@ repositories.')),
  ssh_opts: Type.Optional(Type.String({ description: 'More options for ssh (-o Name=value ...).' })),
  executable: Type.Optional(operand('The git program to use.')),
  bare: Type.Boolean({ description: 'A bare repository (no working tree).', default: false }),
  recursive: Type.Boolean({ description: 'Initialize and update submodules.', default: true }),
  single_branch: Type.Boolean({ description: 'Clone only the history of the version (or HEAD).', default: false }),
  track_submodules: Type.Boolean({ description: 'Move submodules to the latest commit of their master branch.', default: false }),
  verify_commit: Type.Boolean({
    description: "Verify the GPG signature of the version's commit (an annotated tag's own signature) after the clone and the checkout; fail when it is not signed by a key in the user's keyring.",
    default: false,
  }),
  separate_git_dir: Type.Optional(
    Type.String({ description: 'Keep the repository in this directory, apart from the working tree (git clone --separate-git-dir); an existing repository is moved there.' }),
  ),
  umask: Type.Optional(Type.String({ pattern: '^[0-7]{1,4}$', description: 'The umask for the checkout, a quoted octal number ("0022").' })),
});
type Params = Static<typeof params>;

/** Ansible's git_ssh: ssh with the key and options given, as GIT_SSH_COMMAND. */
function sshCommand(p: Params): string | undefined | { error: string } {
  const opts = p.ssh_opts === undefined ? [] : shlexSplit(p.ssh_opts);
  if (typeof opts === 'string') return { error: `ssh_opts: ${opts}` };
  const strict = opts.some((o, i) => /StrictHostKeyChecking=(no|accept-new)/.test(`${opts[i - 1] ?? ''} ${o}`));
  if (!strict && p.accept_hostkey) opts.push('-o', 'StrictHostKeyChecking=no');
  if (!strict && p.accept_newhostkey) opts.push('-o', 'StrictHostKeyChecking=accept-new');
  if (p.key_file !== undefined) opts.push('-i', p.key_file, '-o', 'IdentitiesOnly=yes');
  return opts.length === 0 ? undefined : shellJoin(['ssh', ...opts]);
}

function jobOf(p: Params, repo: string, dest: string, ssh: string | undefined): GitJob {
  return {
    git: p.executable ?? 'git',
    // Ansible: a path repository is file://, so that depth works
    repo: repo.startsWith('/') ? `file://${repo}` : repo,
    dest,
    version: p.version,
    remote: p.remote,
    refspec: p.refspec,
    reference: p.reference,
    depth: p.depth,
    force: p.force,
    bare: p.bare,
    singleBranch: p.single_branch,
    recursive: p.recursive,
    trackSubmodules: p.track_submodules,
    umask: p.umask,
    sshCommand: ssh,
    verifyCommit: p.verify_commit,
    separateGitDir: p.separate_git_dir,
  };
}

/** git.py's unfrackgitpath: URLs and paths compared as normalized paths (file:///x/ is file:/x). */
function unfrack(url: string): string {
  return posix.normalize(url).replace(/(.)\/$/, '$1');
}

/** The remote's URL is another than repo (Ansible then sets it, and reports remote_url_changed). */
function urlDiffers(url: string | undefined, repo: string): boolean {
  return url !== undefined && url !== '' && url !== repo && unfrack(url) !== unfrack(repo);
}

/** The job, or why there is none (a parameter problem Ansible also fails on before touching the host). */
function jobFor(p: Params): GitJob | string {
  const repo = p.repo ?? p.name;
  if (repo === undefined) return 'missing required arguments: repo';
  // Ansible's mutually_exclusive, in its order
  if (p.separate_git_dir !== undefined && p.bare) return 'parameters are mutually exclusive: separate_git_dir|bare';
  if (p.accept_hostkey && p.accept_newhostkey) return 'parameters are mutually exclusive: accept_hostkey|accept_newhostkey';
  if (p.dest === undefined && p.clone) return 'the destination directory must be specified unless clone=no';
  const ssh = sshCommand(p);
  if (typeof ssh === 'object') return ssh.error;
  const dest = p.dest === undefined ? '' : p.dest.replace(/(.)\/+$/, '$1');
  return jobOf(p, repo, dest, ssh);
}

const CLONE = 'clone the repository';
const UPDATE = 'fetch and switch the checkout';
const RELOCATE = 'move the repository';

function finishGit(outputs: readonly StepOutput[]): Finish {
  const out = outputs[0];
  if (out === undefined) return {};
  const r = gitRecords(out.stdout);
  const cloned = out.step.describe.startsWith(CLONE);
  const relocatedOnly = out.step.describe.startsWith(RELOCATE);
  const before = cloned ? null : (r.get('before') ?? null);
  const after = r.get('after') ?? null;
  const urlChanged = r.has('remote_url_changed');
  const relocated = r.has('git_dir_now');
  const data = {
    before,
    after,
    ...(cloned || relocatedOnly ? {} : { remote_url_changed: urlChanged }),
    ...(r.has('submodules') ? { submodules_changed: true } : {}),
    ...(relocated ? { git_dir_before: r.get('git_dir_before'), git_dir_now: r.get('git_dir_now') } : {}),
  };
  // git.py's failures after the probe return the message alone, not the result so far
  if (out.code !== 0) return { failed: r.get('msg') ?? (out.stderr.trim() || `git failed (exit code ${out.code})`) };
  if (r.has('mods')) return { changed: true, data: { ...data, msg: `Local modifications exist in the destination: ${out.step.describe.slice(UPDATE.length + 1)}` } };
  const changed = cloned || relocated || before !== after || r.has('mods') || r.has('submodules') || urlChanged;
  return { changed, data };
}

export const gitModule = defineModule({
  name: 'git',
  short: 'Check out a git repository at a branch, tag or commit',
  params,
  checkMode: 'plan',
  examples: `- name: The application at its release tag
  git:
    repo: https://git.example.com/team/app.git
    dest: /srv/app
    version: v2.4.1

- name: A private repository over SSH, shallow
  git:
    repo: git@git.example.com:team/config.git
    dest: /etc/app/config
    key_file: /root/.ssh/deploy
    accept_newhostkey: true
    depth: 1
`,
  probe(p, ctx): Record<string, string> {
    const job = jobFor(p);
    if (typeof job === 'string') return {};
    return { state: gitProbeScript(job, ctx.check || !p.clone) };
  },
  plan(p, observed, ctx) {
    const job = jobFor(p);
    if (typeof job === 'string') return { kind: 'fail', msg: job };
    const probe = observed.state;
    const r = gitRecords(probe?.stdout ?? '');
    if (probe === undefined || probe.code !== 0) return { kind: 'fail', msg: r.get('msg') ?? (probe?.stderr.trim() || 'could not read the checkout') };
    if (r.get('exists') !== 'yes') {
      if (ctx.check || !p.clone) return { kind: 'change', summary: `clone ${job.repo} (${r.get('remote_head') ?? ''})`, steps: [], data: { before: null, after: r.get('remote_head') ?? null } };
      return { kind: 'change', summary: `clone ${job.repo} into ${job.dest}`, steps: [{ cmd: gitCloneScript(job), describe: `${CLONE} ${job.repo} into ${job.dest}` }] };
    }
    const before = r.get('before') ?? '';
    const relocation = r.get('relocate');
    if (!p.update && relocation !== undefined) {
      // Ansible moves the repository to separate_git_dir before anything else, update or not
      const summary = `${RELOCATE} ${relocation} to ${p.separate_git_dir ?? ''}`;
      return { kind: 'change', summary, steps: ctx.check ? [] : [{ cmd: gitRelocateScript(job), describe: summary }], data: { before, after: before } };
    }
    if (!p.update) return { kind: 'ok', reason: `${job.dest} is a checkout (update=no)`, data: { before, after: before } };
    if (r.has('mods') && !p.force) return { kind: 'fail', msg: `Local modifications exist in the destination: ${job.dest} (force=no).`, data: { before } };
    if (ctx.check) {
      const urlChanged = urlDiffers(r.get('remote_url'), job.repo);
      const after = r.get('remote_head') ?? '';
      const data = { before, after, remote_url_changed: urlChanged };
      if (before === after && !urlChanged) return { kind: 'ok', reason: `${job.dest} is at ${after}`, data };
      return { kind: 'change', summary: `move ${job.dest} from ${before} to ${after}`, steps: [], data };
    }
    return { kind: 'change', summary: `fetch ${job.remote} in ${job.dest} and check out ${job.version}`, steps: [{ cmd: gitUpdateScript({ ...job, setUrl: urlDiffers(r.get('remote_url'), job.repo) }), describe: `${UPDATE} ${job.dest}` }] };
  },
  finish: (_p, outputs) => finishGit(outputs),
});
