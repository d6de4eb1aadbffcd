// /etc/fstab as ansible.posix.mount edits it on Linux, as pure functions over the file's lines: a mount point's line
// set (fields escaped: space \040, & \046, backslash \134) or removed, quirks included (a 4- or 5-field line read as
// dump/passno 0 is rewritten once).

export interface FstabEntry {
  readonly src: string;
  readonly name: string;
  readonly fstype: string;
  readonly opts: string;
  readonly dump: string;
  readonly passno: string;
}

export function escapeFstab(v: string): string {
  return v.replaceAll('\\', '\\134').replaceAll(' ', '\\040').replaceAll('&', '\\046');
}

/** Python's readlines(): each line with its newline. */
function readLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** Not a line of fields: blank or a comment. */
const skipped = (line: string): boolean => line.trim() === '' || line.trim().startsWith('#');

/** Whether a line's fields are the mount point's (swap lines, all "none", are told apart by their source). */
function isTarget(ld: Record<string, string | number>, want: FstabEntry, srcGiven: boolean): boolean {
  return ld.name === escapeFstab(want.name) && !(srcGiven && ld.name === 'none' && ld.fstype === 'swap' && ld.src !== want.src);
}

/** set_mount: the new text and whether it changed. */
export function setFstab(text: string, want: FstabEntry): { text: string; changed: boolean } {
  const esc: Record<string, string> = { src: escapeFstab(want.src), name: escapeFstab(want.name), fstype: escapeFstab(want.fstype), opts: escapeFstab(want.opts), dump: escapeFstab(want.dump), passno: escapeFstab(want.passno) };
  const out: string[] = [];
  let exists = false;
  let changed = false;
  const render = (d: Record<string, string | number>): string => `${d.src} ${d.name} ${d.fstype} ${d.opts} ${d.dump} ${d.passno}\n`;
  for (const raw of readLines(text)) {
    const line = raw.endsWith('\n') ? raw : `${raw}\n`;
    if (skipped(line)) {
      out.push(line);
      continue;
    }
    const fields = line.split(/\s+/).filter((f) => f !== '');
    if (![4, 5, 6].includes(fields.length)) {
      out.push(line);
      continue;
    }
    // the optional dump and passno default to the number 0, which is not the text '0': such a line is rewritten
    const ld: Record<string, string | number> = { dump: 0, passno: 0 };
    ['src', 'name', 'fstype', 'opts', 'dump', 'passno'].forEach((k, i) => {
      const f = fields[i];
      if (f !== undefined) ld[k] = f;
    });
    if (!isTarget(ld, want, true)) {
      out.push(line);
      continue;
    }
    exists = true;
    for (const k of ['src', 'fstype', 'opts', 'dump', 'passno']) {
      if (ld[k] !== esc[k]) {
        ld[k] = esc[k] ?? '';
        changed = true;
      }
    }
    out.push(changed ? render(ld) : line);
  }
  if (!exists) {
    out.push(render(esc));
    changed = true;
  }
  return { text: out.join(''), changed };
}

/** unset_mount: the mount point's lines removed (only 6-field lines are read), and whether any was. */
export function unsetFstab(text: string, name: string, src: string | undefined): { text: string; changed: boolean } {
  const out: string[] = [];
  let changed = false;
  for (const line of readLines(text)) {
    const fields = line.split(/\s+/).filter((f) => f !== '');
    if (skipped(line) || fields.length !== 6) {
      out.push(line);
      continue;
    }
    const [s = '', n = '', fstype = ''] = fields;
    const want = { src: src ?? '', name, fstype: '', opts: '', dump: '', passno: '' };
    if (!isTarget({ src: s, name: n, fstype }, want, src !== undefined)) {
      out.push(line);
      continue;
    }
    changed = true;
  }
  return { text: out.join(''), changed };
}
