// Ad-hoc output (`kplay adhoc`), as Ansible's `minimal` callback prints it, or its `oneline` one with -o:
// `h1 | CHANGED | rc=0 >>` and the output for command, shell and raw; `h1 | SUCCESS => {...}` for other modules.
// No banners and no recap: an ad-hoc command is one task.
import type { Writable } from 'node:stream';
import type { HostResult, Reporter, RunEvent } from '../core/events.js';
import { logLine, resultObject, warningLine } from './lines.js';
import { pyJson } from './pyjson.js';
import { escapeToOneLine, paint, renderLines, type Span } from './terminal.js';

export interface AdhocOptions {
  readonly out: Writable;
  readonly err: Writable;
  readonly color: boolean;
  readonly verbosity: number;
  /** -o: one line per host */
  readonly oneLine: boolean;
  /** command, shell, raw: their output is printed as text (Ansible's MODULE_NO_JSON) */
  readonly textOutput: boolean;
}

export class AdhocReporter implements Reporter {
  readonly #o: AdhocOptions;

  constructor(o: AdhocOptions) {
    this.#o = o;
  }

  on(e: RunEvent): void {
    // through the one door to the terminal (terminal.ts): what a host printed is shown escaped
    switch (e.event) {
      case 'host_result':
        this.#o.out.write(renderLines([adhocLine(e, this.#o)], this.#o.color));
        break;
      case 'warning':
        this.#o.err.write(renderLines([warningLine(e.msg)], this.#o.color));
        break;
      case 'log':
        if (e.level <= this.#o.verbosity) this.#o.out.write(renderLines([logLine(e)], this.#o.color));
        break;
      default:
        break;
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** One host's result, as minimal (or oneline) prints it. */
export function adhocLine(r: HostResult, o: Pick<AdhocOptions, 'oneLine' | 'textOutput'>): Span {
  // what the module returned and `changed`, as Ansible's ad-hoc output shows it (resultObject: kplay's own account of
  // a success, "run echo hi", is not part of it)
  const result = resultObject(r);
  const host = escapeToOneLine(r.host);
  const json = (): string => (o.oneLine ? pyJson(result) : pyJson(result, 4));
  switch (r.status) {
    case 'ok':
    case 'changed': {
      const state = r.status === 'changed' ? 'CHANGED' : 'SUCCESS';
      const line = o.textOutput ? textMsg(host, result, state, o.oneLine) : `${host} | ${state} => ${json()}`;
      return paint(line, r.status === 'changed' ? 'changed' : 'ok');
    }
    case 'failed':
      return paint(o.textOutput && 'rc' in result ? textMsg(host, result, 'FAILED', o.oneLine) : `${host} | FAILED! => ${json()}`, 'error');
    case 'unreachable':
      return paint(o.oneLine ? `${host} | UNREACHABLE!: ${escapeToOneLine(r.msg ?? '')}` : `${host} | UNREACHABLE! => ${json()}`, 'unreachable');
    case 'skipped':
      return paint(`${host} | SKIPPED`, 'skip');
  }
}


/** A command's result as text: `host | STATE | rc=N >>` then stdout, stderr and msg (oneline: escaped, on one line). */
function textMsg(host: string, result: Record<string, unknown>, state: string, oneLine: boolean): string {
  const text = (k: string): string => (typeof result[k] === 'string' ? (result[k]) : '');
  const rc = typeof result.rc === 'number' ? result.rc : -1;
  if (!oneLine) return `${host} | ${state} | rc=${rc} >>\n${text('stdout')}${text('stderr')}${text('msg')}`;
  const flat = (s: string) => s.replaceAll('\n', '\\n').replaceAll('\r', '\\r');
  const stderr = text('stderr');
  return `${host} | ${state} | rc=${rc} | (stdout) ${flat(text('stdout'))}${stderr === '' ? '' : ` (stderr) ${flat(stderr)}`}`;
}
