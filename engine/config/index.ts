// The settings in force, as Ansible resolves them: an environment variable above ansible.cfg above the default
// (and the command line, applied by the CLI, above all). Values are typed and paths expanded as Ansible does.
import { readInputText } from '../core/input-file.js';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { findConfigFile, type ConfigPlaces } from './find.js';
import { parseCfg, type CfgSections } from './ini.js';
import { SETTINGS, type SettingSpec } from './settings.js';

export { findConfigFile, type ConfigPlaces } from './find.js';
export { SETTINGS, type SettingSpec } from './settings.js';

export type SettingValue = string | number | boolean | readonly string[] | undefined;

export interface Setting {
  readonly spec: SettingSpec;
  readonly value: SettingValue;
  /** 'default', `env: NAME`, or the ansible.cfg path (as ansible-config names origins) */
  readonly origin: string;
}

export interface ResolvedConfig {
  readonly file: string | undefined;
  readonly settings: ReadonlyMap<string, Setting>;
  /** each setting kplay does not honour and that is set to a value it does not behave like, once */
  readonly warnings: readonly string[];
  /** the file's sections as read: kplay's own settings live in its `[kplay]` section (engine/config/kplay.ts) */
  readonly sections: CfgSections;
}

export function resolveConfig(places: ConfigPlaces): ResolvedConfig {
  const file = findConfigFile(places);
  const sections: CfgSections = file === undefined ? new Map() : parseCfg(readInputText(file), file);
  const settings = new Map<string, Setting>();
  const warnings: string[] = [];
  for (const spec of SETTINGS) {
    const fromEnv = spec.env.findLast((name) => places.env[name] !== undefined && places.env[name] !== '');
    const iniKeys = [...(spec.iniOlder ?? []), ...(spec.ini ? [spec.ini] : [])];
    const cfgValue = iniKeys.map(([section, key]) => sections.get(section)?.get(key)).findLast((v) => v !== undefined);
    let setting: Setting;
    if (fromEnv !== undefined) {
      const where = `environment variable ${fromEnv}`;
      setting = { spec, value: typed(spec, places.env[fromEnv] ?? '', places.cwd, places.home, where), origin: `env: ${fromEnv}` };
    } else if (cfgValue !== undefined && file !== undefined) {
      const where = `${file}:${cfgValue.line}`;
      setting = { spec, value: typed(spec, cfgValue.value, dirname(file), places.home, where), origin: file };
    } else {
      // a default path starts with ~ (the roles path): expanded as a set one is
      const value = Array.isArray(spec.default) ? spec.default.map((p: string) => p.replace(/^~(?=$|\/)/, places.home)) : spec.default;
      settings.set(spec.name, { spec, value, origin: 'default' });
      continue;
    }
    settings.set(spec.name, setting);
    const warning = notHonoured(setting);
    if (warning !== undefined) warnings.push(warning);
  }
  return { file, settings, warnings, sections };
}

/** The value of a setting, typed by the caller's expectation. */
export function settingValue(config: ResolvedConfig, name: string): SettingValue {
  return config.settings.get(name)?.value;
}

/** Whether the setting was set (by the environment or ansible.cfg) rather than left at its default. */
export function isSet(config: ResolvedConfig, name: string): boolean {
  const s = config.settings.get(name);
  return s !== undefined && s.origin !== 'default';
}

function notHonoured(setting: Setting): string | undefined {
  const { spec, value } = setting;
  if (spec.kplay !== 'not honoured') return undefined;
  if (spec.fine?.includes(String(value)) === true) return undefined;
  const where = setting.origin.startsWith('env: ') ? setting.origin.slice(5) : `${spec.ini?.[1] ?? spec.name} in ${setting.origin}`;
  return `${where} (${spec.name}) is set to ${display(value)}, which kplay does not honour: it runs as if it were unset`;
}

const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f']);

function typed(spec: SettingSpec, raw: string, base: string, home: string, where: string): SettingValue {
  const text = raw.trim();
  switch (spec.type) {
    case 'bool': {
      const word = text.toLowerCase();
      if (TRUE.has(word)) return true;
      if (FALSE.has(word)) return false;
      throw new InputError(`${where}: ${spec.name} must be a boolean (yes/no, true/false), got ${JSON.stringify(text)}`);
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(text)) throw new InputError(`${where}: ${spec.name} must be a whole number, got ${JSON.stringify(text)}`);
      return Number(text);
    }
    case 'path':
      return text === '' ? undefined : expandPath(text, base, home);
    case 'pathlist':
      return split(text, ',').map((p) => expandPath(p, base, home));
    case 'pathspec':
      return split(text, ':').map((p) => expandPath(p, base, home));
    case 'string':
      return text;
  }
}

const split = (text: string, sep: string): string[] =>
  text
    .split(sep)
    .map((p) => p.trim())
    .filter((p) => p !== '');

/** ~ and $VAR expanded; a relative path is relative to the ansible.cfg that names it (or the directory in force). */
function expandPath(p: string, base: string, home: string): string {
  const expanded = p.replace(/^~(?=$|\/)/, home).replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a: string | undefined, b: string | undefined) => process.env[a ?? b ?? ''] ?? m);
  return isAbsolute(expanded) ? expanded : resolve(base, expanded);
}

/** As ansible-config dump prints a value: Python's repr of lists, plain text else. */
export function display(value: SettingValue): string {
  if (value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map((v: string) => `'${v}'`).join(', ')}]`;
  return String(value);
}

/** `ansible-config dump [--only-changed]`: NAME(origin) = value, sorted by name, the file in force among them. */
export function dumpConfig(config: ResolvedConfig, onlyChanged: boolean): string {
  const rows = [...config.settings.values()]
    .filter((s) => !onlyChanged || s.origin !== 'default')
    .map((s) => ({ name: s.spec.name, line: `${s.spec.name}(${s.origin}) = ${display(s.value)}` }));
  if (config.file !== undefined) rows.push({ name: 'CONFIG_FILE', line: `CONFIG_FILE() = ${config.file}` });
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return rows.length === 0 ? '' : `${rows.map((r) => r.line).join('\n')}\n`;
}
