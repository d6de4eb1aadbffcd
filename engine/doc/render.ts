// `kplay doc` text: the module list with one line each, and one module's parameters, rules and examples.
import type { ModuleDef } from '../../modules/contract.js';
import { paramDocs, type ParamDoc } from './params.js';

/** Every module, sorted, with its aliases and its one-line summary. */
export function renderModuleList(modules: readonly ModuleDef[]): string {
  const rows = [...modules].sort((a, b) => a.name.localeCompare(b.name)).map((m) => [m.name + (m.aliases?.length ? ` (${m.aliases.join(', ')})` : ''), m.short] as const);
  const width = Math.max(...rows.map(([n]) => n.length));
  return `${rows.map(([n, s]) => `${n.padEnd(width)}  ${s}`).join('\n')}\n\nkplay doc MODULE shows a module's parameters and examples.\n`;
}

export function renderModuleDoc(m: ModuleDef): string {
  const out: string[] = [];
  out.push(`${m.name.toUpperCase()}${m.aliases?.length ? ` (also: ${m.aliases.join(', ')})` : ''} - ${m.short}`, '');
  const notes: string[] = [];
  if (m.controllerOnly) notes.push('Runs on the controller: nothing reaches the host.');
  if (m.checkMode === 'skip') notes.push(m.checkModeFor ? 'Check mode: skipped unless creates/removes let it predict.' : 'Check mode: skipped (it cannot predict its effect).');
  if (m.needsFacts) notes.push('Reads host facts: they are gathered for it even with gather_facts: false.');
  if (notes.length > 0) out.push(...notes, '');

  const docs = paramDocs(m.params);
  out.push('PARAMETERS (= required, - optional)');
  if (docs.length === 0) out.push('  (none)');
  for (const d of docs) out.push(...renderParam(d));
  const extra = (m.params as { additionalProperties?: unknown; description?: string }).additionalProperties;
  if (extra === true) out.push('  - (any other key)', `      ${(m.params as { description?: string }).description ?? 'any other key is accepted'}`);

  const rules: string[] = [];
  if (m.freeForm) rules.push(`free form: the text after \`${m.name}:\` is ${m.freeForm}`);
  for (const group of m.mutuallyExclusive ?? []) rules.push(`mutually exclusive: ${group.join(', ')}`);
  for (const group of m.requiredOneOf ?? []) rules.push(`one of these is required: ${group.join(', ')}`);
  if (rules.length > 0) out.push('', 'RULES', ...rules.map((r) => `  ${r}`));

  out.push('', 'EXAMPLES', ...m.examples.trimEnd().split('\n').map((l) => (l === '' ? '' : `  ${l}`)));
  return `${out.join('\n')}\n`;
}

function renderParam(d: ParamDoc): string[] {
  const indent = '  '.repeat(d.depth + 1);
  const facts: string[] = [d.type === 'choice' ? `choices: ${(d.choices ?? []).map(show).join(', ')}` : `type: ${d.type}`];
  if (d.default !== undefined) facts.push(`default: ${show(d.default)}`);
  if (d.aliases.length > 0) facts.push(`aliases: ${d.aliases.join(', ')}`);
  if (d.aliasOf !== undefined) facts.push(`alias of: ${d.aliasOf}`);
  const name = d.path.split('.').pop() ?? d.path;
  return [`${indent}${d.required ? '=' : '-'} ${name}  (${facts.join('; ')})`, ...wrap(d.description ?? '(undocumented)', 100 - indent.length - 4).map((l) => `${indent}    ${l}`)];
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
