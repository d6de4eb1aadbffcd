// apache2_module (community.general): an Apache module enabled or disabled with a2enmod/a2dismod, as Ansible's
// module decides: it is enabled when `apache2ctl -M` lists its identifier (NAME_module, or Ansible's spellings for
// shib, evasive and php), and the listing is read again after the change to confirm it.
import { Type } from '@sinclair/typebox';
import { quote } from '../engine/core/quote.js';
import { choice, operand } from './common/schema.js';
import { defineModule, type Plan } from './contract.js';

const params = Type.Object({
  name: operand('The module, as a2enmod names it (rewrite, ssl, php8.2).'),
  identifier: Type.Optional(Type.String({ description: 'Its name in apache2ctl -M when not NAME_module.' })),
  force: Type.Boolean({ description: 'a2dismod -f: disable it even when others depend on it.', default: false }),
  state: choice(['absent', 'present'], { description: 'present enables it, absent disables it.', default: 'present' }),
  ignore_configcheck: Type.Boolean({ description: 'A configuration apache2ctl cannot read counts as the module disabled, instead of failing.', default: false }),
  warn_mpm_absent: Type.Boolean({ description: 'Accepted for compatibility.', default: true }),
});

/** Ansible's create_apache_identifier: NAME_module, with its spellings for shib, evasive and php. */
export function apacheIdentifier(name: string): string {
  if (name.includes('shib')) return 'mod_shib';
  if (name.includes('evasive')) return 'evasive20_module';
  const php = /^(php\d)\./.exec(name);
  if (name.includes('php') && php?.[1] !== undefined) return `${php[1]}_module`;
  return `${name}_module`;
}

const CTL = 'ctl=$(command -v apache2ctl || command -v apachectl) || { echo noctl; exit 0; }';
/** apache2ctl -M: `mrc RC`, then its output as `mod` lines and its errors as `err` lines. */
const LIST = 'e=$(mktemp) || exit 1; o=$("$ctl" -M 2>"$e"); echo "mrc $?"; printf \'%s\\n\' "$o" | sed \'s/^/mod /\'; sed \'s/^/err /\' "$e"; rm -f "$e"';

interface Listing {
  readonly noCtl: boolean;
  readonly threaded: boolean;
  readonly rc: number;
  readonly modules: string;
  readonly errors: string;
  readonly ctl: string;
  readonly a2rc?: number | undefined;
  readonly a2out: string;
}

function readListing(stdout: string): Listing {
  const mods: string[] = [];
  const errs: string[] = [];
  const a2: string[] = [];
  let rc = 0;
  let ctl = '';
  let a2rc: number | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('mod ')) mods.push(line.slice(4));
    else if (line.startsWith('err ')) errs.push(line.slice(4));
    else if (line.startsWith('a2 ')) a2.push(line.slice(3));
    else if (line.startsWith('mrc ')) rc = Number(line.slice(4));
    else if (line.startsWith('a2rc ')) a2rc = Number(line.slice(5));
    else if (line.startsWith('ctl ')) ctl = line.slice(4);
  }
  return { noCtl: stdout.split('\n').includes('noctl'), threaded: stdout.split('\n').includes('threaded'), rc, modules: mods.join('\n'), errors: errs.join('\n'), ctl, a2rc, a2out: a2.join('\n') };
}

/** Whether the listing shows the module, or the failure message (a configuration apache2ctl cannot read). */
function enabledIn(l: Listing, identifier: string, ignoreCheck: boolean): boolean | string {
  if (l.rc !== 0) return ignoreCheck ? false : `Error executing ${l.ctl}: ${l.errors}${l.errors === '' ? '' : '\n'}`;
  return l.modules.includes(` ${identifier}`);
}

export const apache2ModuleModule = defineModule({
  name: 'apache2_module',
  aliases: ['community.general.apache2_module'],
  short: 'Enable or disable an Apache module with a2enmod/a2dismod (Debian\'s apache2)',
  params,
  examples: `- name: mod_rewrite
  apache2_module: { name: rewrite, state: present }
  notify: restart apache
`,
  probe(p) {
    const lines = [CTL, 'echo "ctl $ctl"'];
    if (p.name === 'cgi') lines.push(`"$ctl" -V 2>/dev/null | grep -q 'threaded: *yes' && echo threaded`);
    lines.push(LIST);
    return { apache: lines.join('\n') };
  },
  plan(p, observed, ctx): Plan {
    const l = readListing(observed.apache?.stdout ?? '');
    if (l.noCtl) return { kind: 'fail', msg: 'Neither of apache2ctl nor apachctl found. At least one apache control binary is necessary.' };
    if (l.threaded) return { kind: 'fail', msg: 'Your MPM seems to be threaded. No automatic actions on module cgi possible.' };
    const identifier = p.identifier ?? apacheIdentifier(p.name);
    const want = p.state === 'present';
    const stateWord = want ? 'enabled' : 'disabled';
    const data = { result: `Module ${p.name} ${stateWord}` };
    const enabled = enabledIn(l, identifier, p.ignore_configcheck);
    if (typeof enabled === 'string') return { kind: 'fail', msg: enabled };
    if (enabled === want) return { kind: 'ok', reason: data.result, data };
    const bin = want ? 'a2enmod' : 'a2dismod';
    const cmd = [
      CTL,
      `command -v ${bin} >/dev/null 2>&1 || { echo "missing"; exit 0; }`,
      `a=$(${bin}${!want && p.force ? ' -f' : ''} ${quote(p.name)} 2>&1); echo "a2rc $?"; printf '%s\\n' "$a" | sed 's/^/a2 /'`,
      `echo "ctl $ctl"`,
      LIST,
    ].join('\n');
    // the result's words come from finish once the listing confirms the change; a prediction carries them itself
    return { kind: 'change', summary: `${want ? 'enable' : 'disable'} Apache module ${p.name}`, steps: [{ cmd, describe: `${bin} ${p.name}` }], data: ctx.check ? data : {} };
  },
  finish(p, outputs) {
    const out = outputs[0];
    if (out === undefined) return {};
    const bin = p.state === 'present' ? 'a2enmod' : 'a2dismod';
    if (out.stdout.split('\n').includes('missing')) return { failed: `${bin} not found. Perhaps this system does not use ${bin} to manage apache` };
    const l = readListing(out.stdout);
    const identifier = p.identifier ?? apacheIdentifier(p.name);
    const enabled = enabledIn(l, identifier, p.ignore_configcheck);
    if (typeof enabled === 'string') return { failed: enabled };
    const stateWord = p.state === 'present' ? 'enabled' : 'disabled';
    if (enabled === (p.state === 'present')) return { changed: true, data: { result: `Module ${p.name} ${stateWord}` } };
    const msg = `Failed to set module ${p.name} to ${stateWord}:\n${l.a2out}\nMaybe the module identifier (${identifier}) was guessed incorrectly.Consider setting the "identifier" option.`;
    return { failed: msg, data: { rc: l.a2rc, stdout: l.a2out } };
  },
});
