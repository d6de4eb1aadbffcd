// JUnit XML of a run, as Ansible's junit callback writes it for CI: one <testsuite> for the playbook, one
// <testcase name="[host] play: task"> per task and host (each loop item's result in its task's case), with
// <failure> for a failed host, <error> for an unreachable one and <skipped> for a skipped one.
import { closeSync, writeSync } from 'node:fs';
import type { HostResult, Reporter, RunEvent } from '../core/events.js';
import { formatLoc } from '../core/location.js';

interface Case {
  readonly name: string;
  readonly classname: string;
  readonly results: HostResult[];
}

export class JunitReporter implements Reporter {
  /** the report file, opened before the run */
  readonly #fd: number;
  #suite = '';
  #play = '';
  readonly #locs = new Map<string, string>();
  readonly #cases = new Map<string, Case>();
  #durationMs = 0;

  constructor(fd: number) {
    this.#fd = fd;
  }

  on(e: RunEvent): void {
    switch (e.event) {
      case 'run_start':
        this.#suite = e.playbook;
        break;
      case 'play_start':
        this.#play = e.play;
        break;
      case 'task_start':
        this.#locs.set(e.task, formatLoc(e.loc));
        break;
      case 'host_result': {
        if (e.included !== undefined) break;
        const name = `[${e.host}] ${this.#play}: ${e.task}`;
        let c = this.#cases.get(name);
        if (c === undefined) {
          c = { name, classname: this.#locs.get(e.task) ?? this.#suite, results: [] };
          this.#cases.set(name, c);
        }
        c.results.push(e);
        break;
      }
      case 'run_end':
        this.#durationMs = e.durationMs;
        break;
      default:
        break;
    }
  }

  close(): Promise<void> {
    writeSync(this.#fd, junitXml(this.#suite, [...this.#cases.values()], this.#durationMs));
    closeSync(this.#fd);
    return Promise.resolve();
  }
}

type Outcome = 'failure' | 'error' | 'skipped' | 'passed';

/** A case's outcome: its worst result (an ignored failure passes, as Ansible's callback counts it). */
function outcomeOf(results: readonly HostResult[]): { kind: Outcome; result: HostResult | undefined } {
  const unreachable = results.find((r) => r.status === 'unreachable');
  if (unreachable) return { kind: 'error', result: unreachable };
  const failed = results.find((r) => r.status === 'failed' && r.ignored !== true && r.rescued !== true);
  if (failed) return { kind: 'failure', result: failed };
  if (results.every((r) => r.status === 'skipped')) return { kind: 'skipped', result: results[0] };
  return { kind: 'passed', result: undefined };
}

export function junitXml(suite: string, cases: readonly Case[], durationMs: number): string {
  const outcomes = cases.map((c) => ({ c, ...outcomeOf(c.results) }));
  const count = (k: Outcome) => outcomes.filter((o) => o.kind === k).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites disabled="0" errors="${count('error')}" failures="${count('failure')}" tests="${cases.length}" time="${seconds(durationMs)}">`,
    `  <testsuite disabled="0" errors="${count('error')}" failures="${count('failure')}" name="${attr(suite)}" skipped="${count('skipped')}" tests="${cases.length}" time="${seconds(durationMs)}">`,
  ];
  for (const { c, kind, result } of outcomes) {
    const time = seconds(c.results.reduce((t, r) => t + r.durationMs, 0));
    const head = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="${time}"`;
    const msg = attr(result?.msg ?? '');
    if (kind === 'passed') lines.push(`${head}/>`);
    else if (kind === 'skipped') lines.push(`${head}>`, `      <skipped message="${msg}"/>`, '    </testcase>');
    else lines.push(`${head}>`, `      <${kind} message="${msg}" type="${kind === 'error' ? 'unreachable' : 'failed'}">${text(result?.msg ?? '')}</${kind}>`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** XML 1.0 allows no C0 control but tab, newline and return, even escaped: they are dropped. */
const allowedInXml = (c: string): boolean => {
  const code = c.charCodeAt(0);
  return (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) && code !== 0xfffe && code !== 0xffff;
};
const clean = (s: string): string => [...s].filter(allowedInXml).join('');
const text = (s: string): string => clean(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const attr = (s: string): string => text(s).replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;');
