// Completion scripts for bash, zsh and fish, written from the commander tree: the subcommands (and theirs), each
// one's options, and files where an option or argument takes a path. Nothing is listed by hand.
import type { Command, Option } from 'commander';

/** Options whose value is a path: the shell completes file names after them. */
const FILE_OPTIONS: ReadonlySet<string> = new Set(['--inventory', '--private-key', '--vault-password-file', '--json-file', '--junit', '--vault-id', '--html', '--record-to']);

interface Node {
  /** the words that reach it: [] for kplay itself, ['lab', 'up'] */
  readonly path: readonly string[];
  readonly description: string;
  readonly subcommands: readonly string[];
  readonly options: readonly { readonly flags: readonly string[]; readonly value: boolean; readonly file: boolean; readonly description: string }[];
  /** its arguments take files (a playbook, an inventory) rather than fixed words */
  readonly fileArgs: boolean;
  /** an argument with fixed choices (completion bash|zsh|fish) */
  readonly choices: readonly string[];
}

const flagsOf = (o: Option): string[] => [o.short, o.long].filter((f): f is string => f !== undefined);

function nodes(cmd: Command, path: readonly string[] = []): Node[] {
  const args = cmd.registeredArguments;
  const here: Node = {
    path,
    description: cmd.description(),
    subcommands: cmd.commands.map((c) => c.name()),
    options: cmd.options.map((o) => ({ flags: flagsOf(o), value: o.required || o.optional, file: o.long !== undefined && FILE_OPTIONS.has(o.long), description: o.description })),
    fileArgs: args.some((a) => a.argChoices === undefined),
    choices: args.flatMap((a) => a.argChoices ?? []),
  };
  return [here, ...cmd.commands.flatMap((c) => nodes(c, [...path, c.name()]))];
}

const words = (xs: readonly string[]): string => xs.join(' ');

function bash(tree: readonly Node[]): string {
  const cases = tree.map((n) => {
    const key = n.path.join(' ');
    const opts = n.options.flatMap((o) => o.flags);
    const valued = n.options.filter((o) => o.value && !o.file).flatMap((o) => o.flags);
    const files = n.options.filter((o) => o.file).flatMap((o) => o.flags);
    return `    '${key}') subs='${words(n.subcommands)}'; opts='${words([...opts, '--help'])}'; valued='${words(valued)}'; files='${words(files)}'; fileargs=${n.fileArgs ? 1 : 0}; choices='${words(n.choices)}' ;;`;
  });
  return `# kplay completion for bash: source <(kplay completion bash)   (or save it in /etc/bash_completion.d/kplay)
_kplay() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  local path='' subs opts valued files fileargs choices i w skip=0
  # the subcommand path: words before the cursor that name a subcommand of the path so far
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if ((skip)); then skip=0; continue; fi
    _kplay_node "$path"
    case " $valued $files " in *" $w "*) skip=1; continue ;; esac
    case " $subs " in *" $w "*) path=\${path:+$path }$w ;; esac
  done
  _kplay_node "$path"
  case " $files " in *" $prev "*) COMPREPLY=($(compgen -f -- "$cur")); return ;; esac
  case " $valued " in *" $prev "*) COMPREPLY=(); return ;; esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); return; fi
  COMPREPLY=($(compgen -W "$subs $choices" -- "$cur"))
  if ((fileargs)); then COMPREPLY+=($(compgen -f -- "$cur")); fi
}
_kplay_node() {
  case "$1" in
${cases.join('\n')}
    *) subs=''; opts=''; valued=''; files=''; fileargs=1; choices='' ;;
  esac
}
complete -o filenames -F _kplay kplay
`;
}

function zsh(tree: readonly Node[]): string {
  return `# kplay completion for zsh: source <(kplay completion zsh)   (bash's completion, through zsh's bashcompinit)
autoload -U +X bashcompinit && bashcompinit
${bash(tree)}`;
}

function fish(tree: readonly Node[]): string {
  const q = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  const lines = ['# kplay completion for fish: kplay completion fish > ~/.config/fish/completions/kplay.fish', 'complete -c kplay -f'];
  for (const n of tree) {
    const when = n.path.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${n.path.at(-1) ?? ''}`;
    for (const sub of n.subcommands) {
      const d = tree.find((t) => t.path.join(' ') === [...n.path, sub].join(' '))?.description ?? '';
      lines.push(`complete -c kplay -n ${q(when)} -a ${q(sub)} -d ${q(d)}`);
    }
    if (n.path.length === 0) continue;
    for (const c of n.choices) lines.push(`complete -c kplay -n ${q(when)} -a ${q(c)}`);
    if (n.fileArgs) lines.push(`complete -c kplay -n ${q(when)} -F`);
    for (const o of n.options) {
      const short = o.flags.find((f) => /^-[^-]/.test(f));
      const long = o.flags.find((f) => f.startsWith('--'));
      const parts = ['complete -c kplay', `-n ${q(when)}`, short ? `-s ${short.slice(1)}` : '', long ? `-l ${long.slice(2)}` : '', o.value ? '-r' : '', o.file ? '-F' : '', `-d ${q(o.description)}`];
      lines.push(parts.filter((p) => p !== '').join(' '));
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: 'bash' | 'zsh' | 'fish', program: Command): string {
  const tree = nodes(program);
  return shell === 'bash' ? bash(tree) : shell === 'zsh' ? zsh(tree) : fish(tree);
}
