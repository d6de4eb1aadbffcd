// The records a module's host script prints for its finish to read: "\x01KEY VALUE" or "\x01KEY\nTEXT", each
// running to the next \x01 (so a value may span lines: a command's output, a message).

/** KEY -> what follows the space or newline after it, as printed (a trailing newline kept). */
export function scriptRecords(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rec of stdout.split('\x01').slice(1)) {
    const cut = rec.search(/[ \n]/);
    if (cut < 0) out.set(rec, '');
    else out.set(rec.slice(0, cut), rec.slice(cut + 1));
  }
  return out;
}
