// locale_gen (community.general): a locale generated or removed, as Ansible's module decides: it must be offered
// (/etc/locale.gen on Debian, /usr/share/i18n/SUPPORTED on Ubuntu), `locale -a` tells whether it is there; Debian's
// line in /etc/locale.gen is uncommented (or commented) and locale-gen runs.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { choice } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { replaceFileStep } from './support/replace-file.js';
import { readLines } from './common/read-lines.js';

const params = Type.Object({
  name: Type.String({ description: 'The locale, with its encoding (de_CH.UTF-8).', pattern: '^[^\\s/]+$' }),
  state: choice(['absent', 'present'], { description: 'Whether it is generated.', default: 'present' }),
});

const LOCALE_GEN = '/etc/locale.gen';
const UBUNTU_LOCAL = '/var/lib/locales/supported.d/local';

/** Ansible's fix_case: the encodings `locale -a` writes in lower case, as locale.gen writes them. */
const NORMAL: readonly (readonly [string, string])[] = [
  ['.utf8', '.UTF-8'], ['.eucjp', '.EUC-JP'], ['.iso885915', '.ISO-8859-15'], ['.cp1251', '.CP1251'], ['.koi8r', '.KOI8-R'],
  ['.armscii8', '.ARMSCII-8'], ['.euckr', '.EUC-KR'], ['.gbk', '.GBK'], ['.gb18030', '.GB18030'], ['.euctw', '.EUC-TW'],
];
const fixCase = (name: string): string => NORMAL.reduce((n, [s, r]) => n.replaceAll(s, r), name);

/** Python's lines with their ends. */

/** Ansible's is_available: the locale is offered in the file its mode reads. */
export function isAvailable(name: string, offered: string, ubuntu: boolean): boolean {
  const re = ubuntu ? /^(\S+_\S+) (\S+)\s*$/ : /^#?\s*(\S+_\S+) (\S+)\s*$/;
  return readLines(offered).some((l) => re.exec(l)?.[1] === name);
}

/** Ansible's set_locale over /etc/locale.gen: the locale's line uncommented, or commented. (The name is a pattern there.) */
export function setLocale(text: string, name: string, enabled: boolean): string {
  const re = new RegExp(`#?\\s*${name} (?<charset>.+)`);
  return readLines(text)
    .map((l) => l.replace(re, (...m: unknown[]) => `${enabled ? '' : '# '}${name} ${(m.at(-1) as { charset: string }).charset}`))
    .join('');
}

export const localeGenModule = defineModule({
  name: 'locale_gen',
  aliases: ['community.general.locale_gen'],
  short: 'Generate a locale (or remove it), as Debian and Ubuntu do it',
  params,
  examples: `- name: German (Switzerland) in UTF-8
  locale_gen:
    name: de_CH.UTF-8
`,
  probe() {
    return {
      mode: `if [ -d /var/lib/locales/supported.d/ ]; then echo ubuntu; elif [ -e ${LOCALE_GEN} ]; then echo debian; else echo none; fi`,
      offered: `if [ -d /var/lib/locales/supported.d/ ]; then cat /usr/share/i18n/SUPPORTED; else cat ${LOCALE_GEN}; fi 2>/dev/null`,
      installed: 'locale -a',
      local: sh`cat -- ${UBUNTU_LOCAL} 2>/dev/null`,
    };
  },
  plan(p, observed, ctx) {
    const mode = (observed.mode?.stdout ?? '').trim();
    if (mode === 'none') return { kind: 'fail', msg: '/etc/locale.gen and /var/lib/locales/supported.d/local are missing. Is the package "locales" installed?' };
    const ubuntu = mode === 'ubuntu';
    const offered = observed.offered?.stdout ?? '';
    if (!isAvailable(p.name, offered, ubuntu)) return { kind: 'fail', msg: "The locale you've entered is not available on your system." };
    const present = (observed.installed?.stdout ?? '').split('\n').some((l) => fixCase(l) === fixCase(p.name));
    const want = p.state === 'present';
    // in check mode Ansible returns only whether it would change
    const data = ctx.check ? {} : { name: p.name, msg: 'OK' };
    if (present === want) return { kind: 'ok', reason: `${p.name} is ${present ? '' : 'not '}generated`, data };
    let steps: Step[];
    if (!ubuntu) steps = [replaceFileStep(LOCALE_GEN, setLocale(offered, p.name, want), `${want ? 'uncomment' : 'comment'} ${p.name} in ${LOCALE_GEN}`), { cmd: 'locale-gen', describe: 'locale-gen' }];
    else if (want) steps = [{ cmd: sh`locale-gen ${p.name}`, describe: `locale-gen ${p.name}` }];
    else {
      const kept = readLines(observed.local?.stdout ?? '').filter((l) => l.split(' ')[0] !== p.name).join('');
      steps = [replaceFileStep(UBUNTU_LOCAL, kept), { cmd: 'locale-gen --purge', describe: 'locale-gen --purge' }];
    }
    return { kind: 'change', summary: `${want ? 'generate' : 'remove'} ${p.name}`, steps, data };
  },
});
