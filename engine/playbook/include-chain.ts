// The chain of includes and imports that led to a file or role, its depth limit, and how an error shows it.
import { formatLoc } from '../core/location.js';
import type { IncludeLink, LoadCtx } from './context.js';

/**
 * How many include_tasks / include_role / import_tasks / import_role may nest. Ansible has no limit of its own:
 * Python's recursion limit stops a self-including file after about 247 nested include_tasks ("Exceeded maximum
 * object depth", the run aborted). kplay stops at a fixed depth a little above that, so every playbook Ansible
 * runs still runs, and one that includes itself forever ends at once with the chain shown.
 */
export const MAX_INCLUDE_DEPTH = 250;


/** How a role appears in the chain: by name and tasks file, so the same role read twice is the same link. */
export function roleTarget(name: string, tasksFrom: string | undefined): string {
  return `role ${name} (${tasksFrom ?? 'main'})`;
}

function describeLink(l: IncludeLink): string {
  return `${l.at === undefined ? '' : `${formatLoc(l.at)}: `}${l.action} ${l.name ?? l.target}`;
}

/**
 * The chain, one include per line, outermost first. A cycle repeated many times is shown once, with its count:
 * a self-including file at the depth limit reads as a few lines, not 250.
 */
export function describeChain(links: readonly IncludeLink[]): string {
  const lines = foldRepeats(links.filter((l) => l.at !== undefined).map(describeLink));
  // a long chain of different files: its start and its end say where it comes from and where it stopped
  const shown = lines.length <= SHOWN_LINKS ? lines : [...lines.slice(0, 5), `... (${lines.length - SHOWN_LINKS + 1} more)`, ...lines.slice(lines.length - (SHOWN_LINKS - 6))];
  return shown.map((line) => `  ${line}`).join('\n');
}

/** the most lines a chain takes in a message */
const SHOWN_LINKS = 20;

function foldRepeats(lines: readonly string[]): string[] {
  const firstAt = new Map<string, number>();
  for (let j = 0; j < lines.length; j++) {
    const i = firstAt.get(lines[j]!);
    if (i === undefined) {
      firstAt.set(lines[j]!, j);
      continue;
    }
    const period = j - i;
    const same = (start: number): boolean => start + period <= lines.length && lines.slice(start, start + period).every((l, k) => l === lines[i + k]);
    let times = 1;
    while (same(i + times * period)) times++;
    const cycle = lines.slice(i, j);
    const repeated = times > 1 ? [`... (the ${period === 1 ? 'include' : `${period} includes`} above, ${times} times in all)`] : [];
    return [...lines.slice(0, i), ...cycle, ...repeated, ...foldRepeats(lines.slice(i + times * period))];
  }
  return [...lines];
}

/** Whether a recursion back to `chain[start]` can end: some include of the cycle is guarded, or some file of it stops. */
export function cycleMayEnd(chain: readonly IncludeLink[], start: number, closingGuarded: boolean): boolean {
  if (closingGuarded) return true;
  return chain.slice(start).some((l, k) => l.stops || (k > 0 && l.guarded));
}

const IMPORTS: ReadonlySet<IncludeLink['action']> = new Set(['playbook', 'import_playbook', 'import_tasks', 'import_role']);

/**
 * Before reading what `link` names: false (and it must not be read) when it is already being read further out —
 * reported when that recursion can never end: imports all the way round (they are expanded before the run), or
 * includes that nothing stops — or when the chain would pass the depth limit. Otherwise it is pushed on the chain
 * (the caller pops it once read).
 */
export function enterLink(ctx: LoadCtx, link: IncludeLink): boolean {
  const chain = ctx.importing;
  const start = chain.findIndex((l) => l.target === link.target);
  if (start >= 0) {
    const cycle = [...chain.slice(start + 1), link];
    const what = `${link.action} of ${link.name ?? link.target}`;
    if (cycle.every((l) => IMPORTS.has(l.action))) {
      ctx.problems.add(`${what} imports itself: imports are expanded before the run, so this never ends; the chain:\n${describeChain([...chain, link])}`, link.at);
    } else if (!cycleMayEnd(chain, start, link.guarded)) {
      ctx.problems.add(
        `${what} includes itself and nothing ends the recursion (no when or loop on an include of the cycle, no meta, fail or assert before one); the chain:\n${describeChain([...chain, link])}`,
        link.at,
        `give the include a when: that ends it (Ansible stops such a recursion after about ${MAX_INCLUDE_DEPTH} levels, with "maximum recursion depth exceeded")`,
      );
    }
    return false;
  }
  if (chain.length > MAX_INCLUDE_DEPTH) {
    ctx.problems.add(`${link.action} of ${link.name ?? link.target}: more than ${MAX_INCLUDE_DEPTH} nested includes and imports (kplay's limit); the chain:\n${describeChain([...chain, link])}`, link.at);
    return false;
  }
  chain.push(link);
  return true;
}

/** A task that may end a host's run (meta: end_host..., fail, assert) marks the file being read as one that can stop a recursion. */
export function noteStopper(ctx: LoadCtx): void {
  const top = ctx.importing[ctx.importing.length - 1];
  if (top !== undefined) top.stops = true;
}
