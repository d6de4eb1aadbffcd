// Build step (`npm run build`): write the playbook validators as ajv standalone code next to the compiled engine.
import { writeFileSync } from 'node:fs';
import { PRECOMPILED_PATH, standaloneValidatorsCode } from './schema-validators.js';

writeFileSync(PRECOMPILED_PATH, standaloneValidatorsCode());
process.stdout.write(`wrote ${PRECOMPILED_PATH}\n`);
