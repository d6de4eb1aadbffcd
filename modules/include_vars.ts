// include_vars: variables from a YAML/JSON file on the controller, or from every such file of a directory, for the
// rest of the run on this host. The runner stores the returned ansible_facts at include_vars precedence (below
// set_fact), as Ansible does.
import { Type, type Static } from '@sinclair/typebox';
import { dict } from '../engine/core/dict.js';
import { InputErrors } from '../engine/core/errors.js';
import { parseYaml } from '../engine/yaml/load.js';
import { DEFAULT_EXTENSIONS, selectVarsFiles } from './common/vars-dir.js';
import { defineModule, type PlanContext } from './contract.js';

const params = Type.Object({
  file: Type.Optional(
    Type.String({
      description:
        "The vars file (YAML or JSON, a mapping). A relative name is looked for in the role's vars/ and the role's directory, then the playbook's vars/ and the playbook's directory.",
    }),
  ),
  dir: Type.Optional(
    Type.String({
      description:
        "A directory of vars files, all loaded (subdirectories too), in sorted order, a later file winning. Relative: under the role's vars/ in a role, else beside the task's file.",
    }),
  ),
  depth: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'With dir: how many directories to read, counted in sorted path order (0: all).' })),
  files_matching: Type.Optional(Type.String({ description: 'With dir: only files whose name contains a match of this regular expression.' })),
  ignore_files: Type.Optional(
    Type.Union([Type.Array(Type.String()), Type.String()], { description: 'With dir: regular expressions (a list, or a blank-separated string) of file names to leave out.' }),
  ),
  extensions: Type.Optional(Type.Array(Type.String(), { default: [...DEFAULT_EXTENSIONS], description: 'With dir: the file extensions loaded (without the dot).' })),
  ignore_unknown_extensions: Type.Optional(Type.Boolean({ default: false, description: 'With dir: leave out files of other extensions instead of failing.' })),
  name: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'Put all the variables loaded under this one variable, as a mapping.' })),
});

type Param = keyof Static<typeof params>;
const DIR_OPTIONS: readonly Param[] = ['dir', 'depth', 'files_matching', 'ignore_files', 'extensions', 'ignore_unknown_extensions'];

function describeValue(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'empty' : typeof v;
}

/** The variables loaded, or why the task fails (a vars file may well hold a variable named `failed`). */
type Loaded = { readonly vars: Record<string, unknown> } | { readonly failed: string };

/** One file's variables. */
function loadVarsFile(file: string, ctx: PlanContext): Loaded {
  const text = ctx.readLocalFile(file, 'vars');
  let value: unknown;
  try {
    value = parseYaml(text, file).value;
  } catch (err) {
    if (err instanceof InputErrors && err.problems[0]) return { failed: `${file}: ${err.problems[0].describe()}` };
    throw err;
  }
  const vars = value ?? {};
  if (typeof vars !== 'object' || Array.isArray(vars)) return { failed: `${file} must be stored as a dictionary/hash, but it holds ${describeValue(vars)}` };
  return { vars: vars as Record<string, unknown> };
}

/** The directory's files as Ansible picks and orders them, merged (a later file's names win). */
function loadVarsDir(dir: string, p: Static<typeof params>, ctx: PlanContext): Loaded {
  const walk = ctx.walkVarsDir(dir);
  if (walk.kind !== 'dir') return { failed: walk.kind === 'missing' ? `${walk.path} directory does not exist` : `${walk.path} is not a directory` };
  const ignore = p.ignore_files;
  const chosen = selectVarsFiles(walk.dirs, {
    depth: p.depth ?? 0,
    filesMatching: p.files_matching,
    ignoreFiles: typeof ignore === 'string' ? ignore.split(/\s+/).filter((s) => s !== '') : (ignore ?? []),
    extensions: p.extensions ?? DEFAULT_EXTENSIONS,
    ignoreUnknownExtensions: p.ignore_unknown_extensions ?? false,
  });
  if ('error' in chosen) return { failed: chosen.error };
  const merged: Record<string, unknown> = dict();
  for (const file of chosen.files) {
    const loaded = loadVarsFile(file, ctx);
    if ('failed' in loaded) return loaded;
    Object.assign(merged, loaded.vars);
  }
  return { vars: merged };
}

export const includeVarsModule = defineModule({
  name: 'include_vars',
  includedVars: true,
  short: 'Load variables from a YAML or JSON file, or a directory of them (on the controller)',
  params,
  freeForm: 'file',
  requiredOneOf: [['file', 'dir']],
  // as Ansible: "You are mixing file only and dir only arguments"
  mutuallyExclusive: DIR_OPTIONS.map((d): Param[] => ['file', d]),
  controllerOnly: true,
  checkMode: 'plan',
  examples: `- name: Variables for this OS family (vars/RedHat.yml, ...)
  include_vars: "{{ ansible_os_family }}.yml"

- name: The guest list, under one name
  include_vars:
    file: guests.yml
    name: guest_config

- name: Every .yml of vars/site/ (sorted; a later file wins), except the drafts
  include_vars:
    dir: vars/site
    extensions: [yml]
    ignore_files: ['draft-.*']
`,
  plan(p, _observed, ctx) {
    const source = p.dir ?? p.file ?? '';
    const loaded = p.dir !== undefined ? loadVarsDir(p.dir, p, ctx) : loadVarsFile(source, ctx);
    if ('failed' in loaded) return { kind: 'fail', msg: loaded.failed };
    const facts = p.name !== undefined ? { [p.name]: loaded.vars } : loaded.vars;
    return { kind: 'ok', reason: `loaded ${Object.keys(facts).join(', ') || 'no variables'} from ${source}`, data: { ansible_facts: facts } };
  },
});
