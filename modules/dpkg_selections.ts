// dpkg_selections: a package's dpkg selection (install, hold, deinstall, purge), as Ansible's module reads it with
// dpkg --get-selections and sets it with dpkg --set-selections (holding kubelet, kubeadm and kubectl, say).
import { Type } from '@sinclair/typebox';
import { sh } from '../engine/core/quote.js';
import { choice } from './common/schema.js';
import { defineModule } from './contract.js';

const params = Type.Object({
  name: Type.String({ description: 'The package.', pattern: '^[^\\s]+$' }),
  selection: choice(['install', 'hold', 'deinstall', 'purge'], { description: 'The selection wanted.' }),
});

export const dpkgSelectionsModule = defineModule({
  name: 'dpkg_selections',
  short: "Set a package's dpkg selection (hold it, or release it with install)",
  params,
  examples: `- name: Keep the kubelet at its version
  dpkg_selections:
    name: kubelet
    selection: hold
`,
  probe(p) {
    return { current: sh`dpkg --get-selections -- ${p.name}` };
  },
  plan(p, observed) {
    const out = observed.current;
    if (out === undefined || out.code !== 0) return { kind: 'fail', msg: (out?.stderr ?? '').trim() || 'dpkg --get-selections failed', data: { rc: out?.code ?? 1 } };
    // dpkg prints "name<tabs>selection", or nothing (and a note on stderr) for a package it does not know
    const current = out.stdout.trim() === '' ? 'not present' : (out.stdout.split(/\s+/)[1] ?? 'not present');
    const data = { before: current, after: p.selection };
    if (current === p.selection) return { kind: 'ok', reason: `${p.name} is ${current}`, data };
    return { kind: 'change', summary: `${p.name}: ${current} -> ${p.selection}`, steps: [{ cmd: 'dpkg --set-selections', stdin: `${p.name} ${p.selection}`, describe: `dpkg --set-selections ${p.name} ${p.selection}` }], data };
  },
});
