// A unified diff of two texts for --diff, in the shape Ansible prints (difflib: `--- before: path`, 3 context lines).

type Op = { readonly t: ' ' | '-' | '+'; readonly line: string };

const CONTEXT = 3;
/** above this many cells the middle is shown as removed-then-added instead of computing an LCS */
const MAX_CELLS = 4_000_000;

export function unifiedDiff(before: string, after: string, path?: string): string[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffOps(a, b);
  if (!ops.some((o) => o.t !== ' ')) return [];
  const head = path === undefined ? ['--- before', '+++ after'] : [`--- before: ${path}`, `+++ after: ${path}`];
  return [...head, ...hunks(ops)];
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffOps(a: readonly string[], b: readonly string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const midA = a.slice(pre, a.length - suf);
  const midB = b.slice(pre, b.length - suf);
  const same = (l: string): Op => ({ t: ' ', line: l });
  return [...a.slice(0, pre).map(same), ...lcsOps(midA, midB), ...a.slice(a.length - suf).map(same)];
}

function lcsOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) return [...a.map((l): Op => ({ t: '-', line: l })), ...b.map((l): Op => ({ t: '+', line: l }))];
  // table[i][j] = LCS length of a[i..] and b[j..]
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = table[i] as Uint32Array;
    const next = table[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ t: ' ', line: a[i] as string });
      i++;
      j++;
    } else if (((table[i + 1] as Uint32Array)[j] as number) >= ((table[i] as Uint32Array)[j + 1] as number)) {
      ops.push({ t: '-', line: a[i++] as string });
    } else {
      ops.push({ t: '+', line: b[j++] as string });
    }
  }
  while (i < n) ops.push({ t: '-', line: a[i++] as string });
  while (j < m) ops.push({ t: '+', line: b[j++] as string });
  return ops;
}

function hunks(ops: readonly Op[]): string[] {
  const changes = ops.flatMap((o, k) => (o.t === ' ' ? [] : [k]));
  const out: string[] = [];
  let g = 0;
  while (g < changes.length) {
    let last = changes[g] as number;
    const first = last;
    while (g + 1 < changes.length && (changes[g + 1] as number) - last <= 2 * CONTEXT) last = changes[++g] as number;
    g++;
    const start = Math.max(0, first - CONTEXT);
    const end = Math.min(ops.length, last + CONTEXT + 1);
    const before = ops.slice(0, start);
    const body = ops.slice(start, end);
    const oldStart = before.filter((o) => o.t !== '+').length;
    const newStart = before.filter((o) => o.t !== '-').length;
    const oldLen = body.filter((o) => o.t !== '+').length;
    const newLen = body.filter((o) => o.t !== '-').length;
    out.push(`@@ -${range(oldStart, oldLen)} +${range(newStart, newLen)} @@`);
    for (const o of body) out.push(o.t + o.line);
  }
  return out;
}

/** difflib's _format_range_unified: `3` for one line, `2,0` for none, else `start,len` (1-based). */
function range(start0: number, len: number): string {
  if (len === 1) return String(start0 + 1);
  return len === 0 ? `${start0},0` : `${start0 + 1},${len}`;
}
