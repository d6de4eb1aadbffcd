// Every lookup plugin by name: typed over LOOKUP_NAMES, so a name kplay announces without a plugin does not compile.
import type { LookupName } from '../template/lookup-names.js';
import { COMMAND_LOOKUPS } from './lookup-commands.js';
import { CSVFILE_LOOKUPS } from './lookup-csvfile.js';
import { FILE_LOOKUPS } from './lookup-files.js';
import { FILETREE_LOOKUPS } from './lookup-filetree.js';
import { INI_LOOKUPS } from './lookup-ini.js';
import { LIST_LOOKUPS } from './lookup-lists.js';
import { MERGE_VARIABLES_LOOKUPS } from './lookup-merge-variables.js';
import type { LookupPlugin } from './lookup-plugin.js';
import { PASSWORD_LOOKUPS } from './lookup-password.js';
import { sequence } from './lookup-sequence.js';
import { URL_LOOKUPS } from './lookup-url.js';
import { VAR_LOOKUPS } from './lookup-vars.js';

export const LOOKUP_PLUGINS: Readonly<Record<LookupName, LookupPlugin>> = {
  ...LIST_LOOKUPS,
  sequence,
  ...FILE_LOOKUPS,
  ...VAR_LOOKUPS,
  ...COMMAND_LOOKUPS,
  ...PASSWORD_LOOKUPS,
  ...INI_LOOKUPS,
  ...CSVFILE_LOOKUPS,
  ...URL_LOOKUPS,
  ...FILETREE_LOOKUPS,
  ...MERGE_VARIABLES_LOOKUPS,
};
