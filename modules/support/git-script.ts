// The host-side shell of the git module: Ansible's git.py decisions (clone, fetch, switch_version, submodules,
// get_remote_head) as one POSIX sh script per task, every value quoted into a variable. The script reports what it
// found and did as "\x01key value" records (common/script-records), which gitRecords reads back.
import { quote } from '../../engine/core/quote.js';
import { scriptRecords } from '../common/script-records.js';

/** The git task as the script needs it; repo already has file:// before an absolute path, as Ansible adds it. */
export interface GitJob {
  readonly git: string;
  readonly repo: string;
  readonly dest: string;
  readonly version: string;
  readonly remote: string;
  readonly refspec?: string | undefined;
  readonly reference?: string | undefined;
  readonly depth?: number | undefined;
  readonly force: boolean;
  readonly bare: boolean;
  readonly singleBranch: boolean;
  readonly recursive: boolean;
  readonly trackSubmodules: boolean;
  readonly umask?: string | undefined;
  /** the remote's URL differs from repo (the update sets it) */
  readonly setUrl?: boolean | undefined;
  /** GIT_SSH_COMMAND, already a quoted command line */
  readonly sshCommand?: string | undefined;
  /** verify the GPG signature of the version's commit (or annotated tag) after the clone and after the switch */
  readonly verifyCommit: boolean;
  /** the repository's directory apart from the working tree (git clone --separate-git-dir; an existing one moved) */
  readonly separateGitDir?: string | undefined;
}

/** The script's records (scriptRecords), each value without the newline that ends its line. */
export function gitRecords(stdout: string): Map<string, string> {
  return new Map([...scriptRecords(stdout)].map(([k, v]) => [k, v.replace(/\n$/, '')]));
}

function header(job: GitJob): string {
  const vars: [string, string][] = [
    ['G', job.git],
    ['R', job.repo],
    ['D', job.dest],
    ['V', job.version],
    ['O', job.remote],
    ['RS', job.refspec ?? ''],
    ['REF', job.reference ?? ''],
    ['DEPTH', job.depth === undefined ? '' : String(job.depth)],
    ['FORCE', job.force ? '1' : ''],
    ['BARE', job.bare ? '1' : ''],
    ['SINGLE', job.singleBranch ? '1' : ''],
    ['RECURSIVE', job.recursive ? '1' : ''],
    ['TRACK', job.trackSubmodules ? '1' : ''],
    ['SETURL', job.setUrl === true ? '1' : ''],
    ['VERIFY', job.verifyCommit ? '1' : ''],
    ['SEP', job.separateGitDir ?? ''],
  ];
  return [
    'export LANG=C LC_ALL=C LC_MESSAGES=C LC_CTYPE=C GIT_TERMINAL_PROMPT=0',
    ...(job.sshCommand === undefined ? [] : [`export GIT_SSH_COMMAND=${quote(job.sshCommand)}`]),
    ...(job.umask === undefined ? [] : [`umask ${quote(job.umask)}`]),
    ...vars.map(([k, v]) => `${k}=${quote(v)}`),
    // separate_git_dir is a path: ~ is the user's home, and Ansible takes its real path (os.path.realpath)
    'case $SEP in "~") SEP=$HOME ;; "~/"*) SEP=$HOME/${SEP#"~/"} ;; esac',
    '[ -z "$SEP" ] || SEP=$(realpath -m -- "$SEP")',
  ].join('\n');
}

/** Functions both scripts use: records, failures, the ls-remote questions and the head branch. */
const FUNCTIONS = String.raw`
rec() { printf '\001%s %s\n' "$1" "$2"; }
die() { printf '\001msg %s' "$1"; exit 1; }
# git.py's run_command(check_rc=True): the message is the command's stderr
must() { err=$("$@" 2>&1 >/dev/null) || die "$err"; }
# is_remote_branch / is_remote_tag: version anywhere in ls-remote's output, as git.py's "in" test
is_remote_branch() { "$G" ls-remote "$1" -h "refs/heads/$V" 2>/dev/null | grep -qF -- "$V"; }
is_remote_tag() { "$G" ls-remote "$1" -t "refs/tags/$V" 2>/dev/null | grep -qF -- "$V"; }
is_local_branch() { "$G" branch --no-color -a 2>/dev/null | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | grep -qxF -e "$1" -e "* $1"; }
# get_head_branch: the branch HEAD names, or for a detached HEAD the one the remote's HEAD names
head_branch() {
  if "$G" branch 2>/dev/null | grep -qE '^\* \((no branch|HEAD detached)'; then
    "$G" symbolic-ref -q "refs/remotes/$O/HEAD" | sed "s#^refs/remotes/$O/##"
  else
    "$G" symbolic-ref -q HEAD | sed 's#^refs/heads/##'
  fi
}
# get_remote_head: $1 the remote (the repository when cloning), $2 1 when cloning
remote_head() {
  tag=
  if [ "$V" = HEAD ]; then
    if [ "$2" = 1 ]; then set -- "$1" HEAD; else set -- "$1" "refs/heads/$(head_branch)"; fi
    out=$("$G" ls-remote "$1" -h "$2" 2>&1) || die "$out"
  elif is_remote_branch "$1"; then
    out=$("$G" ls-remote "$1" -h "refs/heads/$V" 2>&1) || die "$out"
  elif is_remote_tag "$1"; then
    tag=1
    out=$("$G" ls-remote "$1" -t "refs/tags/$V*" 2>&1) || die "$out"
  else
    printf '%s' "$V"; return
  fi
  [ -n "$out" ] || die "Could not determine remote revision for $V"
  if [ -n "$tag" ]; then
    pick=$(printf '%s\n' "$out" | while IFS= read -r l; do case $l in *"$V^{}") printf '%s\n' "$l"; break;; *"$V") printf '%s\n' "$l";; esac; done | tail -n 1)
    [ -n "$pick" ] && out=$pick
  fi
  printf '%s\n' "$out" | head -n 1 | cut -f1 | cut -d' ' -f1
}
# get_repo_path: dest/.git (dest when bare), or the directory a .git file's "gitdir: " line names, in $rp
repo_path() {
  if [ -n "$BARE" ]; then rp=$D; else rp=$D/.git; fi
  [ -f "$rp" ] || return 0
  bad="Current repo does not have a valid reference to a separate Git dir or it refers to the invalid path"
  gd=$(cat -- "$rp") || die "$bad"
  case $gd in "gitdir: "*) gd=$(printf '%s' "$gd" | cut -c9-) ;; *) die "$bad" ;; esac
  case $gd in /*) rp=$gd ;; *) rp=$D/$gd ;; esac
  [ -d "$rp" ] || die "$bad"
}
has_config() { repo_path; [ -e "$rp/config" ]; }
# separate_git_dir and a repository elsewhere: git.py's relocate_repo moves it there, dest/.git naming it
needs_relocation() { [ -n "$SEP" ] && [ -n "$D" ] && repo_path && [ -e "$rp" ] && [ "$SEP" != "$rp" ]; }
relocate() {
  needs_relocation || return 0
  [ -e "$SEP" ] && die "Separate-git-dir path $SEP already exists."
  err=$(mv -- "$rp" "$SEP" 2>&1) || die "Unable to move git dir. $err"
  err=$( { printf 'gitdir: %s' "$SEP" > "$D/.git"; } 2>&1) || { mv -- "$SEP" "$rp"; die "Unable to move git dir. $err"; }
  rec git_dir_before "$rp"
  rec git_dir_now "$SEP"
}
# verify_commit_sign: verify-tag for an annotated tag, else verify-commit, in the repository
verify() {
  [ -n "$VERIFY" ] || return 0
  tags=$("$G" for-each-ref refs/tags/ --format '%(objecttype):%(refname:short)' 2>/dev/null) || die "Could not determine tag data - received $tags"
  if printf '%s\n' "$tags" | grep -qxF -- "tag:$V"; then sub=verify-tag; else sub=verify-commit; fi
  "$G" "$sub" "$V" >/dev/null 2>&1 || die "Failed to verify GPG signature of commit/tag \"$V\""
}
`;

/**
 * The probe: whether a repository is there and, if so, its HEAD, local modifications and remote URL; in check
 * mode (predict) also the remote head the run would move to.
 */
export function gitProbeScript(job: GitJob, predict: boolean): string {
  return `${header(job)}
${FUNCTIONS}
command -v "$G" >/dev/null 2>&1 || die "Failed to find required executable \\"git\\" in paths"
if needs_relocation; then rec relocate "$rp"; fi
if ! has_config; then
  rec exists no
  ${predict ? 'rec remote_head "$(remote_head "$R" 1)"' : ':'}
  exit 0
fi
rec exists yes
cd -- "$D" || die "cannot enter $D"
rec before "$("$G" rev-parse HEAD 2>/dev/null)"
if [ -z "$BARE" ] && "$G" status --porcelain 2>/dev/null | grep -v '^??' | grep -q .; then rec mods yes; fi
u=$("$G" ls-remote --get-url "$O" 2>/dev/null) && rec remote_url "$u"
${predict ? 'rec remote_head "$(remote_head "$O" 0)"' : ':'}
`;
}

/** Ansible's switch_version, then the submodules, after a clone or a fetch. */
const SWITCH_AND_SUBMODULES = String.raw`
if [ -z "$BARE" ]; then
  if [ "$V" = HEAD ]; then
    b=$(head_branch)
    "$G" checkout --force "$b" >/dev/null 2>&1 || die "Failed to checkout branch $b"
    "$G" reset --hard "$O/$b" -- >/dev/null 2>&1 || die "Failed to checkout branch $b"
  elif is_remote_branch "$O"; then
    if [ -n "$DEPTH" ] && ! is_local_branch "$V"; then
      must "$G" remote set-branches --add "$O" "$V"
      must "$G" fetch --depth="$DEPTH" "$O" "+refs/heads/$V:refs/remotes/$O/$V"
    fi
    if ! is_local_branch "$V"; then
      "$G" checkout --track -b "$V" "$O/$V" >/dev/null 2>&1 || die "Failed to checkout $V"
    else
      "$G" checkout --force "$V" >/dev/null 2>&1 || die "Failed to checkout branch $V"
      "$G" reset --hard "$O/$V" >/dev/null 2>&1 || die "Failed to checkout $V"
    fi
  else
    "$G" checkout --force "$V" >/dev/null 2>&1 || die "Failed to checkout $V"
  fi
  verify
fi
if [ -n "$RECURSIVE" ] && [ -z "$BARE" ] && [ -e .gitmodules ]; then
  sub=
  for p in $(sed -n 's/^[[:space:]]*path[[:space:]]*=[[:space:]]*//p' .gitmodules); do [ -e "$p/.git" ] || sub=1; done
  if [ -z "$sub" ]; then
    must "$G" submodule foreach "$G" fetch
    if [ -n "$TRACK" ]; then
      b1=$("$G" submodule foreach "$G" rev-parse HEAD 2>/dev/null); b2=$("$G" submodule foreach "$G" rev-parse "$O/master" 2>/dev/null)
      [ "$b1" = "$b2" ] || sub=1
    else
      "$G" submodule status 2>/dev/null | grep -q '^[^ ]' && sub=1
    fi
  fi
  if [ -n "$sub" ]; then
    rec submodules yes
    must "$G" submodule sync
    if [ -n "$TRACK" ]; then set -- --remote; else set --; fi
    [ -n "$FORCE" ] && set -- "$@" --force
    out=$("$G" submodule update --init --recursive "$@" 2>&1) || die "Failed to init/update submodules: $out"
  fi
fi
rec after "$("$G" rev-parse HEAD 2>/dev/null)"
`;

/** Clone into dest (git.py's clone), then switch to the version. */
export function gitCloneScript(job: GitJob): string {
  return `${header(job)}
${FUNCTIONS}
relocate
mkdir -p -- "$(dirname -- "$D")" 2>/dev/null
set --
if [ -n "$BARE" ]; then set -- --bare; else set -- --origin "$O"; fi
bt=; if is_remote_branch "$R" || is_remote_tag "$R"; then bt=1; fi
if [ -n "$DEPTH" ]; then
  if [ "$V" = HEAD ] || [ -n "$RS" ]; then set -- "$@" --depth "$DEPTH"
  elif [ -n "$bt" ]; then set -- "$@" --depth "$DEPTH" --branch "$V"
  else rec warning "Ignoring depth argument. Shallow clones are only available for HEAD, branches, tags or in combination with refspec."
  fi
fi
[ -n "$REF" ] && set -- "$@" --reference "$REF"
if [ -n "$SINGLE" ]; then set -- "$@" --single-branch; [ -n "$bt" ] && set -- "$@" --branch "$V"; fi
[ -n "$SEP" ] && set -- "$@" "--separate-git-dir=$SEP"
must "$G" clone "$@" -- "$R" "$D"
cd -- "$D" || die "cannot enter $D"
[ -n "$BARE" ] && [ "$O" != origin ] && must "$G" remote add -- "$O" "$R"
if [ -n "$RS" ]; then
  if [ -n "$DEPTH" ]; then must "$G" fetch --depth "$DEPTH" "$O" "$RS"; else must "$G" fetch "$O" "$RS"; fi
fi
verify
${SWITCH_AND_SUBMODULES}`;
}

/** Update an existing repository (git.py's reset, set_remote_url and fetch), then switch to the version. */
export function gitUpdateScript(job: GitJob): string {
  return `${header(job)}
${FUNCTIONS}
relocate
cd -- "$D" || die "cannot enter $D"
rec before "$("$G" rev-parse HEAD 2>/dev/null)"
if [ -z "$BARE" ] && "$G" status --porcelain 2>/dev/null | grep -v '^??' | grep -q .; then
  [ -n "$FORCE" ] || die "Local modifications exist in the destination: $D (force=no)."
  rec mods yes
  must "$G" reset --hard HEAD
fi
if [ -n "$SETURL" ]; then
  out=$("$G" remote set-url "$O" "$R" 2>&1) || die "Failed to set a new url $R for $O: $out"
  rec remote_url_changed yes
fi
set --
if [ -n "$DEPTH" ]; then
  cur=$(head_branch)
  if [ -n "$RS" ]; then set -- "$RS"
  elif [ "$V" = HEAD ]; then set -- "$cur"
  elif is_remote_branch "$R"; then
    [ "$cur" != "$V" ] && set -- "+refs/heads/$V:refs/heads/$V"
    set -- "$@" "+refs/heads/$V:refs/remotes/$O/$V"
  elif is_remote_tag "$R"; then set -- "+refs/tags/$V:refs/tags/$V"
  fi
fi
if [ $# -gt 0 ]; then
  opts="--depth $DEPTH"
else
  if [ -n "$BARE" ]; then set -- '+refs/heads/*:refs/heads/*' '+refs/tags/*:refs/tags/*'; opts=; else opts=--tags; fi
  [ -n "$RS" ] && set -- "$@" "$RS"
fi
[ -n "$FORCE" ] && opts="$opts --force"
out=$("$G" fetch $opts "$O" "$@" 2>&1) || die "Failed to download remote objects and refs: $out"
${SWITCH_AND_SUBMODULES}`;
}

/** With update=no, only the move of the repository to separate_git_dir; HEAD as it is. */
export function gitRelocateScript(job: GitJob): string {
  return `${header(job)}
${FUNCTIONS}
relocate
cd -- "$D" || die "cannot enter $D"
h=$("$G" rev-parse HEAD 2>/dev/null)
rec before "$h"
rec after "$h"
`;
}
