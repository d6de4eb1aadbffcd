// The sequence lookup (with_sequence), as Ansible's: `[start-]end[/stride][:format]` or start= end= count= stride=
// format=, numbers in decimal, 0x hex or 0 octal, each formatted printf-style.
import { pyFormat } from '../template/format.js';
import { splitWords } from '../playbook/free-form.js';
import { LookupFailure, termList, type LookupPlugin } from './lookup-plugin.js';

const NUM = '(0?x?[0-9a-f]+)';
const SHORTCUT = new RegExp(`^(${NUM}-)?${NUM}(/${NUM})?(:(.+))?$`, 'is');
const MAX_ITEMS = 1_000_000;

interface Spec {
  start: number;
  end: number | undefined;
  count: number | undefined;
  stride: number;
  format: string;
}

/** Python's int(text, 0): decimal, 0x.., 0o.., 0b..; a leading 0 before digits is refused as Python refuses it. */
function pyInt(text: string, what: string): number {
  const t = text.trim().replaceAll('_', '');
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0+|[1-9][0-9]*)$/.exec(t);
  if (!m) throw new LookupFailure(`can't parse ${what}=${text} as integer`);
  const body = m[2] ?? '0';
  const lower = body.toLowerCase();
  const value = lower.startsWith('0x') ? parseInt(lower.slice(2), 16) : lower.startsWith('0o') ? parseInt(lower.slice(2), 8) : lower.startsWith('0b') ? parseInt(lower.slice(2), 2) : parseInt(body, 10);
  return m[1] === '-' ? -value : value;
}

function shortcut(term: string, spec: Spec): boolean {
  const m = SHORTCUT.exec(term);
  if (!m) return false;
  const [, , start, end, , stride, , format] = m;
  if (start !== undefined) spec.start = pyInt(start, 'start');
  if (end !== undefined) spec.end = pyInt(end, 'end');
  if (stride !== undefined) spec.stride = pyInt(stride, 'stride');
  if (format !== undefined) spec.format = format;
  return true;
}

function keyValues(term: string, spec: Spec): void {
  const split = splitWords(term);
  if ('error' in split) throw new LookupFailure(`unknown error parsing with_sequence arguments: ${JSON.stringify(term)}. Error was: ${split.error}`);
  const args = new Map<string, string>();
  for (const w of split.words) args.set(w.key ?? '_raw_params', w.value ?? w.raw);
  for (const k of ['start', 'end', 'count', 'stride'] as const) {
    const v = args.get(k);
    args.delete(k);
    if (v !== undefined) spec[k] = pyInt(v, k);
  }
  const format = args.get('format');
  args.delete('format');
  if (format !== undefined) spec.format = format;
  if (args.size > 0) throw new LookupFailure(`unrecognized arguments to with_sequence: [${[...args.keys()].map((k) => `'${k}'`).join(', ')}]`);
}

/** sanity_check: count becomes end; directions and the format checked. */
function bounds(spec: Spec): { start: number; end: number; stride: number } {
  let { start, stride } = spec;
  let end = spec.end;
  if (spec.count === undefined && end === undefined) throw new LookupFailure('must specify count or end in with_sequence');
  if (spec.count !== undefined && end !== undefined) throw new LookupFailure("can't specify both count and end in with_sequence");
  if (spec.count !== undefined) {
    if (spec.count !== 0) end = start + spec.count * stride - 1;
    else [start, end, stride] = [0, 0, 0];
  }
  const last = end ?? 0;
  if (stride > 0 && last < start) throw new LookupFailure('to count backwards make stride negative');
  if (stride < 0 && last > start) throw new LookupFailure("to count forward don't make stride negative");
  if ((spec.format.match(/%/g) ?? []).length !== 1) throw new LookupFailure(`bad formatting string: ${spec.format}`);
  return { start, end: last, stride };
}

function generate(term: string): string[] {
  const spec: Spec = { start: 1, end: undefined, count: undefined, stride: 1, format: '%d' };
  if (!shortcut(term, spec)) keyValues(term, spec);
  const { start, end, stride, format } = { ...bounds(spec), format: spec.format };
  if (stride === 0) return [];
  // Python's range(start, end + adjust, stride)
  const stop = end + (stride > 0 ? 1 : -1);
  const out: string[] = [];
  for (let i = start; stride > 0 ? i < stop : i > stop; i += stride) {
    if (out.length >= MAX_ITEMS) throw new LookupFailure(`with_sequence: more than ${MAX_ITEMS} items`);
    try {
      out.push(pyFormat(format, i));
    } catch {
      throw new LookupFailure(`problem formatting ${i} with '${format}'`);
    }
  }
  return out;
}

export const sequence: LookupPlugin = (terms) => termList(terms).flatMap((t) => generate(String(t)));
