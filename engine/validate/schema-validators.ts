// The playbook schema's validators: ajv standalone code generated at build time when it matches the schema, else
// compiled now. Compiling the schema costs 100-700 ms of every run's start-up; loading the generated code ~5 ms.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Options, ValidateFunction } from 'ajv/dist/2020.js';
import { playbookSchema } from './playbook-schema.js';

export interface PlaybookValidators {
  readonly playbook: ValidateFunction;
  readonly taskFile: ValidateFunction;
}

/** Where the build writes the generated code: next to this module in dist/ (absent when running from source); the
 * bundle (scripts/bundle.mjs) gets a copy next to its chunks, so this path holds from there too. */
export const PRECOMPILED_PATH = fileURLToPath(new URL('./playbook-validators.cjs', import.meta.url));

const OPTIONS: Options = { allErrors: true, strict: false, verbose: true };
const PLAYBOOK_ID = 'kplay:playbook';
const TASK_FILE_ID = 'kplay:task_file';

// ajv is CommonJS: required only when nothing precompiled fits, so a normal run never loads its compiler
const require = createRequire(import.meta.url);

/** Identifies the schema and the options the code was generated from: generated code for another schema is not used. */
export function schemaHash(): string {
  return createHash('sha256').update(JSON.stringify([OPTIONS, playbookSchema])).digest('hex');
}

function newAjv(source: boolean): import('ajv/dist/2020.js').Ajv2020 {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const ajv = new Ajv2020({ ...OPTIONS, ...(source ? { code: { source: true } } : {}) });
  ajv.addSchema(playbookSchema);
  ajv.addSchema({ $id: PLAYBOOK_ID, $ref: playbookSchema.$id });
  ajv.addSchema({ $id: TASK_FILE_ID, $ref: `${playbookSchema.$id}#/$defs/task_file` });
  return ajv;
}

/** Compile the validators with ajv (what runs when no generated code fits). */
export function compileValidators(): PlaybookValidators {
  const ajv = newAjv(false);
  const get = (id: string): ValidateFunction => {
    const v = ajv.getSchema(id);
    if (v === undefined) throw new Error(`playbook schema: ${id} missing`);
    return v;
  };
  return { playbook: get(PLAYBOOK_ID), taskFile: get(TASK_FILE_ID) };
}

/** The CommonJS module the build writes: both validators and the hash of the schema they check. */
export function standaloneValidatorsCode(): string {
  const { default: standaloneCode } = require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js');
  const code = standaloneCode(newAjv(true), { playbook: PLAYBOOK_ID, taskFile: TASK_FILE_ID });
  return `${code}\nexports.schemaHash = ${JSON.stringify(schemaHash())};\n`;
}

/** Load generated code from `path`; undefined when it is absent or was generated from another schema. */
export function loadPrecompiled(path: string = PRECOMPILED_PATH): PlaybookValidators | undefined {
  if (!existsSync(path)) return undefined;
  const mod = require(path) as Partial<PlaybookValidators> & { schemaHash?: unknown };
  if (mod.schemaHash !== schemaHash() || mod.playbook === undefined || mod.taskFile === undefined) return undefined;
  return { playbook: mod.playbook, taskFile: mod.taskFile };
}

export function loadValidators(): PlaybookValidators {
  return loadPrecompiled() ?? compileValidators();
}
