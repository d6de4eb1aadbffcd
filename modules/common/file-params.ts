// Parameters shared by the modules that manage files (file, copy, template): one wording, one type.
import { Type } from '@sinclair/typebox';

export const modeParam = Type.Optional(
  Type.Union([Type.String(), Type.Integer()], {
    description:
      "The permissions: an octal string ('0644', '1777'), a number (an unquoted 0644 in YAML 1.1 is 420, which is the same mode), or a symbolic mode ('u=rw,g=r,o=r', 'u+x'). Quote octal modes to be safe. Compared exactly: set only when different.",
  }),
);

export const ownerParam = Type.Optional(Type.String({ description: 'The user that should own the file (a name or a uid).' }));
export const groupParam = Type.Optional(Type.String({ description: 'The group that should own the file (a name or a gid).' }));
