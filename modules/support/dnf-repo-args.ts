// The repository switches of a dnf/yum command line, with Ansible's leniency about repositories that do not exist:
// its dnf and yum modules enable what base.repos.get_matching(pattern) finds, and a pattern that matches no
// configured repository enables nothing (geerlingguy.redis passes `enablerepo: epel` on hosts without EPEL). dnf's
// own `--enablerepo=epel` fails instead ("Error: Unknown repo: 'epel'"), so each pattern is kept only when a
// configured repository id matches it (a shell glob, as dnf's fnmatch). An unknown --disablerepo is harmless.
import { shellJoin } from '../../engine/core/quote.js';

/** The ids of the configured repositories: the section names of the repo files dnf and yum read, [main] aside. */
const REPO_IDS =
  "sed -n 's/^[[:space:]]*\\[\\([^]]*\\)\\][[:space:]]*$/\\1/p' /etc/yum.repos.d/*.repo /etc/yum/repos.d/*.repo /etc/distro.repos.d/*.repo /etc/dnf/dnf.conf /etc/yum.conf 2>/dev/null | grep -vx main";

/** The switches in dnf's order: disabling first lets `disablerepo: '*'` + `enablerepo: x` mean "only x". */
export interface RepoSwitches {
  readonly disablerepo: readonly string[];
  readonly enablerepo: readonly string[];
  /** the other switches (--exclude=..., --security), after the repository ones */
  readonly switches: readonly string[];
}

/**
 * The switches as shell text: `setup` (empty, or a prefix ending in "; " that sets "$@") and `args`, the words to
 * put in the command line. Without enablerepo the switches are written out; with it they are "$@", built on the
 * host from the patterns that match a configured repository.
 */
export function repoArgs(r: RepoSwitches): { readonly setup: string; readonly args: string } {
  const disable = r.disablerepo.map((x) => `--disablerepo=${x}`);
  if (r.enablerepo.length === 0) return { setup: '', args: shellJoin([...disable, ...r.switches]) };
  // the ids are read before noglob (the repo files are a glob), then split into words under it, never expanded as
  // file names; `case` still matches each pattern as a glob
  const setup = [
    `kplay_ids=$(${REPO_IDS})`,
    'set -f',
    `set -- ${shellJoin(disable)}`,
    `for kplay_r in ${shellJoin(r.enablerepo)}; do for kplay_id in $kplay_ids; do case $kplay_id in $kplay_r) set -- "$@" "--enablerepo=$kplay_r"; break;; esac; done; done`,
    ...(r.switches.length > 0 ? [`set -- "$@" ${shellJoin(r.switches)}`] : []),
    'set +f',
  ].join('; ');
  return { setup: `${setup}; `, args: '"$@"' };
}
