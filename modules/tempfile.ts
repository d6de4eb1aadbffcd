// tempfile: create a uniquely named temporary file or directory on the host (mktemp) and return its path.
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { choice } from './common/schema.js';

const params = Type.Object({
  state: choice(['file', 'directory'] as const, { description: 'Create a file or a directory.', default: 'file' }),
  path: Type.Optional(Type.String({ description: 'The directory to create it in (default: $TMPDIR, else /tmp).' })),
  prefix: Type.String({ description: 'The start of its name.', default: 'ansible.' }),
  suffix: Type.String({ description: 'The end of its name.', default: '' }),
});

export const tempfileModule = defineModule({
  name: 'tempfile',
  short: 'Create a temporary file or directory and return its path',
  params,
  // Ansible's tempfile does not support check mode: it is skipped there
  checkMode: 'skip',
  examples: `- name: A scratch directory
  tempfile:
    state: directory
    suffix: build
  register: scratch
`,
  plan(p) {
    if (p.prefix.includes('/') || p.suffix.includes('/')) return { kind: 'fail', msg: 'prefix and suffix must not contain /' };
    const dir = p.path !== undefined && p.path !== '' ? sh`${p.path}` : '"${TMPDIR:-/tmp}"';
    const kind = p.state === 'directory' ? '-d ' : '';
    const cmd = `mktemp ${kind}-p ${dir} ${sh`--suffix=${p.suffix}`} -- ${sh`${`${p.prefix}XXXXXXXX`}`}`;
    return { kind: 'change', summary: `create a temporary ${p.state ?? 'file'}`, steps: [{ cmd, describe: `create a temporary ${p.state ?? 'file'}` }] };
  },
  finish(_p, outputs) {
    const out = outputs[outputs.length - 1];
    return { changed: true, data: { path: (out?.stdout ?? '').replace(/\n$/, '') } };
  },
});
