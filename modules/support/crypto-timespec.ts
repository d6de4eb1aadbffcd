// community.crypto's time specifications (valid_at): a relative "+32w1d2h" / "-1d" from now, or an absolute ASN.1
// TIME "YYYYMMDDhhmmssZ" (also without seconds), always UTC.

const RELATIVE = /^([+-])(?:(\d+)[wW])?(?:(\d+)[dD])?(?:(\d+)[hH])?(?:(\d+)[mM])?(?:(\d+)[sS]?)?$/;
const ABSOLUTE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/;

/** The moment a spec names, or an error message in Ansible's words. */
export function timeSpec(spec: string, name: string, now: Date): Date | { readonly error: string } {
  if (spec.startsWith('+') || spec.startsWith('-')) {
    const m = RELATIVE.exec(spec);
    // Ansible gets None here and then fails comparing it; say so plainly instead
    if (!m || spec.length === 1) return { error: `The time spec "${spec}" for ${name} is invalid` };
    const [, sign, w = '0', d = '0', h = '0', mi = '0', s = '0'] = m;
    const seconds = ((Number(w) * 7 + Number(d)) * 24 + Number(h)) * 3600 + Number(mi) * 60 + Number(s);
    return new Date(now.getTime() + (sign === '+' ? 1 : -1) * seconds * 1000);
  }
  const m = ABSOLUTE.exec(spec);
  if (m) {
    const [, y = '', mo = '', d = '', h = '', mi = '', s = '0'] = m;
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
    // strptime refuses a day or hour that does not exist; Date would roll it over
    if (date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) && date.getUTCHours() === Number(h)) return date;
  }
  return { error: `The time spec "${spec}" for ${name} is invalid` };
}
