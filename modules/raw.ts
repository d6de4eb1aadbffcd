// raw: send a command line to the host as it is (no probes, no quoting), e.g. to bootstrap python or a package.
import { Type } from '@sinclair/typebox';
import { quote } from '../engine/core/quote.js';
import { defineModule } from './contract.js';
import { ANY_EXIT, commandFinish } from './common/run-command.js';

const params = Type.Object({
  cmd: Type.String({ description: 'The command line, as the free-form text after `raw:`; the login shell of the remote user (or executable) parses it.' }),
  executable: Type.Optional(Type.String({ description: 'Run the command line with this shell (`EXECUTABLE -c CMD`) instead of handing it to the login shell.' })),
});

export const rawModule = defineModule({
  name: 'raw',
  short: 'Run a command line on the host as it is, without any module logic',
  freeForm: 'cmd',
  params,
  checkMode: 'skip',
  async: 'refused',
  examples: `- name: Bootstrap python on a bare host
  raw: test -e /usr/bin/python3 || (dnf -y install python3)
`,
  plan(p) {
    // raw is raw by definition: the text is the command; only the optional executable wraps it
    const line = p.executable === undefined ? p.cmd : `${quote(p.executable)} -c ${quote(p.cmd)}`;
    return { kind: 'change', summary: `run ${p.cmd}`, steps: [{ cmd: line, describe: `run ${p.cmd}`, okCodes: ANY_EXIT }] };
  },
  // as Ansible's raw action: the result has no cmd
  finish: (_p, outputs) => commandFinish(undefined, outputs, false, false),
});
