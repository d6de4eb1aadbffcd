// /etc/selinux/config read and rewritten as ansible.posix.selinux does, the running policy type as libselinux reads
// it, and the kernel command lines' selinux=0 as grubby --info=ALL shows them.

/** Python's splitlines() for the text a config file holds. */
function lines(text: string): string[] {
  const out = text.split(/\r\n|\r|\n/);
  if (out.at(-1) === '') out.pop();
  return out;
}

/** The value of the first `KEY=` line (Ansible: the text between the first and second '=', trimmed). */
function firstValue(text: string, key: string): string | undefined {
  const line = lines(text).find((l) => l.startsWith(`${key}=`));
  return line?.split('=')[1]?.trim();
}

export const configState = (text: string): string | undefined => firstValue(text, 'SELINUX');
export const configPolicy = (text: string): string | undefined => firstValue(text, 'SELINUXTYPE');

/** Every `KEY=` line set to value, or one appended; each line then ends in a newline (as Ansible writes the file). */
export function setConfigLine(text: string, key: string, value: string): string {
  let found = false;
  const out = lines(text).map((l) => {
    if (!l.startsWith(`${key}=`)) return l;
    found = true;
    return `${key}=${value}`;
  });
  if (!found) out.push(`${key}=${value}`);
  return out.map((l) => `${l}\n`).join('');
}

/**
 * The policy type libselinux reports (selinux_getpolicytype): SELINUXTYPE= from /etc/selinux/config (the key in any
 * case, after leading blanks; the value up to trailing blanks), "targeted" when the file or the line is missing.
 */
export function libselinuxPolicy(mainConfig: string | undefined): string {
  let type: string | undefined;
  for (const raw of lines(mainConfig ?? '')) {
    const l = raw.trimStart();
    if (l.slice(0, 12).toUpperCase() === 'SELINUXTYPE=') type = l.slice(12).trimEnd();
  }
  return type ?? 'targeted';
}

/** true when no kernel line has selinux=0, false when all have it, undefined when they differ (or there are none). */
export function kernelEnabled(grubbyInfo: string): boolean | undefined {
  let allEnabled = true;
  let allDisabled = true;
  for (const l of lines(grubbyInfo)) {
    const m = /^args="(.*)"$/.exec(l);
    if (m === null) continue;
    if ((m[1] ?? '').split(' ').includes('selinux=0')) allEnabled = false;
    else allDisabled = false;
  }
  return allEnabled === allDisabled ? undefined : allEnabled;
}
