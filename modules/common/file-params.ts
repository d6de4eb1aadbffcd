// Parameters shared by the modules that manage files (file, copy, template, lineinfile): one wording, one type.
import { Type } from '@sinclair/typebox';
import { fileAttributesParams } from './file-attributes.js';
import { selinuxContextParams } from './selinux-context.js';

export const modeParam = Type.Optional(
  Type.Union([Type.String(), Type.Integer()], {
    description:
      "The permissions: an octal string ('0644', '1777'), a number (an unquoted 0644 in YAML 1.1 is 420, which is the same mode), or a symbolic mode ('u=rw,g=r,o=r', 'u+x'). Quote octal modes to be safe. Compared exactly: set only when different.",
  }),
);

export const ownerParam = Type.Optional(Type.String({ description: 'The user that should own the file (a name or a uid).' }));
export const groupParam = Type.Optional(Type.String({ description: 'The group that should own the file (a name or a gid).' }));

/** What every module that writes a file takes besides mode/owner/group (Ansible's file common arguments). */
export const fileCommonParams = {
  ...selinuxContextParams,
  ...fileAttributesParams,
  unsafe_writes: Type.Optional(Type.Boolean({ description: 'Accepted: kplay always writes through a temp file and a rename.' })),
};

/** What copy and template both take about the file they write, in the order `kplay doc` lists them. */
export const writtenFileParams = {
  dest: Type.String({ description: 'The path on the host. When it ends with / or is a directory, the file goes inside it under the name of src.' }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  backup: Type.Boolean({ description: 'Keep the replaced file as DEST.PID.TIMESTAMP~ (returned as backup_file).', default: false }),
  force: Type.Boolean({ description: 'Replace a file whose content differs; with false, an existing dest is left as it is.', default: true }),
  ...fileCommonParams,
};
