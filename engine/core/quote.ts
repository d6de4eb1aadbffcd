// The one function that turns a value into a POSIX shell word. Every value that reaches a shell goes through it.

/** Quote one argument for sh: safe words stay bare, everything else is single-quoted. */
export function quote(value: string | number): string {
  const s = String(value);
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}

/** Join argv into one shell command line, each argument quoted. */
export function shellJoin(argv: readonly (string | number)[]): string {
  return argv.map(quote).join(' ');
}

/**
 * Tagged template: interpolated values are quoted; arrays become several quoted words.
 *   sh`rpm -q ${names}` -> rpm -q qemu-kvm 'a b'
 */
export function sh(strings: TemplateStringsArray, ...values: readonly (string | number | readonly (string | number)[])[]): string {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += Array.isArray(v) ? shellJoin(v as readonly (string | number)[]) : quote(v as string | number);
    out += strings[i + 1] ?? '';
  });
  return out;
}
