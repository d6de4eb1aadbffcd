// modprobe: load or unload a kernel module and, with persistent, keep it loaded (and its options) across reboots
// through /etc/modules-load.d/NAME.conf and /etc/modprobe.d/NAME.conf, as community.general.modprobe does.
import { Type } from '@sinclair/typebox';
import { quote, sh, shellJoin } from '../engine/core/quote.js';
import { choice, operand } from './common/schema.js';
import { defineModule, type Step } from './contract.js';
import { replaceFileStep } from './support/replace-file.js';
import { readLines } from './common/read-lines.js';

const LOAD_DIR = '/etc/modules-load.d';
const OPTIONS_DIR = '/etc/modprobe.d';

const params = Type.Object({
  name: operand('The kernel module\'s name.'),
  state: choice(['present', 'absent'], { description: 'Whether the module should be loaded.', default: 'present' }),
  params: Type.String({ description: 'Module parameters (key=value, space separated).', default: '' }),
  persistent: choice(['disabled', 'present', 'absent'], {
    description: 'present: listed in /etc/modules-load.d/NAME.conf with its params in /etc/modprobe.d/NAME.conf; absent: such lines commented out.',
    default: 'disabled',
  }),
});

/** The regular files of a directory and their texts, from the probe's \x01PATH\x02TEXT records. */
export function parseDirDump(out: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rec of out.split('\x01').slice(1)) {
    const at = rec.indexOf('\x02');
    if (at >= 0) files.set(rec.slice(0, at), rec.slice(at + 1));
  }
  return files;
}

function dumpCommand(dir: string): string {
  return `for f in ${quote(dir)}/*; do [ -f "$f" ] || continue; printf '\\001%s\\002' "$f"; cat -- "$f"; done`;
}


function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Comment out (prefix '#') the matching lines; Ansible writes the kept lines back joined by '\n' (so doubled). */
function commentOut(text: string, re: RegExp): string | undefined {
  const lines = readLines(text);
  let hit = false;
  const out = lines.map((l) => (re.test(l) ? ((hit = true), `#${l}`) : l));
  return hit ? out.join('\n') : undefined;
}

export const modprobeModule = defineModule({
  name: 'modprobe',
  aliases: ['community.general.modprobe'],
  short: 'Load or unload kernel modules, persistently if asked',
  examples: `- name: Load the dummy module with two devices, and at every boot
  modprobe:
    name: dummy
    params: numdummies=2
    persistent: present
`,
  params,
  probe(p) {
    const probes: Record<string, string> = {
      modules: 'cut -d" " -f1 /proc/modules',
      builtin: sh`grep -c -- ${`/${p.name}.ko`} "/lib/modules/$(uname -r)/modules.builtin"`,
    };
    if (p.persistent !== 'disabled') {
      probes.load_files = dumpCommand(LOAD_DIR);
      probes.option_files = dumpCommand(OPTIONS_DIR);
    }
    return probes;
  },
  plan(p, observed, ctx) {
    const name = p.name;
    const loadedNames = new Set((observed.modules?.stdout ?? '').split('\n'));
    const builtin = observed.builtin?.code === 0 && Number.parseInt(observed.builtin.stdout, 10) > 0;
    const loaded = loadedNames.has(name.replace(/-/g, '_')) || builtin;
    const data = { name, params: p.params, state: p.state };
    const steps: Step[] = [];
    const changes: string[] = [];
    const args = p.params.split(/\s+/).filter((a) => a !== '');
    if (p.state === 'present' && !loaded) {
      steps.push({ cmd: shellJoin(['modprobe', '--', name, ...args]), describe: `load ${name}` });
      changes.push(`load ${name}`);
    } else if (p.state === 'absent' && loaded) {
      steps.push({ cmd: shellJoin(['modprobe', '-r', '--', name]), describe: `unload ${name}` });
      changes.push(`unload ${name}`);
    }
    const diffs: { path: string; before: string; after: string }[] = [];
    if (p.persistent !== 'disabled') {
      const n = escapeRe(name);
      const reModule = new RegExp(`^ *${n} *(?:[#;].*)?\\n?$`);
      const reParams = new RegExp(`^options ${n} \\w+=\\S+ *(?:[#;].*)?\\n?$`);
      const reParamValue = new RegExp(`^options ${n} (\\w+=\\S+) *(?:[#;].*)?\\n?$`);
      const loadFiles = parseDirDump(observed.load_files?.stdout ?? '');
      const optionFiles = parseDirDump(observed.option_files?.stdout ?? '');
      const persistently = [...loadFiles.values()].some((t) => readLines(t).some((l) => reModule.test(l)));
      const permanent = new Set<string>();
      for (const t of optionFiles.values()) for (const l of readLines(t)) { const m = reParamValue.exec(l); if (m?.[1] !== undefined) permanent.add(m[1]); }
      const wanted = new Set(args);
      const paramsSet = wanted.size === permanent.size && [...wanted].every((a) => permanent.has(a));
      const writes = new Map<string, { before: string; after: string }>();
      const put = (path: string, before: string, after: string): void => { writes.set(path, { before: writes.get(path)?.before ?? before, after }); };
      const disableIn = (files: Map<string, string>, re: RegExp): void => {
        for (const [path, text] of files) { const after = commentOut(text, re); if (after !== undefined) put(path, text, after); }
      };
      if (p.persistent === 'present' && !(persistently && paramsSet)) {
        if (!persistently) { const path = `${LOAD_DIR}/${name}.conf`; put(path, loadFiles.get(path) ?? '', `${name}\n`); }
        if (!paramsSet) {
          disableIn(optionFiles, reParams);
          const path = `${OPTIONS_DIR}/${name}.conf`;
          put(path, optionFiles.get(path) ?? '', `${args.map((a) => `options ${name} ${a}`).join('\n')}\n`);
        }
      } else if (p.persistent === 'absent' && (persistently || permanent.size > 0)) {
        if (persistently) disableIn(loadFiles, reModule);
        if (permanent.size > 0) disableIn(optionFiles, reParams);
      }
      for (const [path, w] of writes) {
        steps.push(replaceFileStep(path, w.after));
        changes.push(`write ${path}`);
        diffs.push({ path, ...w });
      }
    }
    if (steps.length === 0) return { kind: 'ok', reason: `${name} is ${p.state === 'present' ? 'loaded' : 'not loaded'}${p.persistent === 'disabled' ? '' : `, persistent ${p.persistent}`}`, data };
    const diff = ctx.diff && diffs.length > 0 ? diffs[0] : undefined;
    return { kind: 'change', summary: changes.join(', '), steps, data, ...(diff ? { diff } : {}) };
  },
});
