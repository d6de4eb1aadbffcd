// yum/dnf helpers as data: the rpm query and check-update parsers, dnf's error words, finish. The module's plans
// are cases in test/unit/modules/cases/yum.yml; the query against the real rpm is in test/local/modules/yum.test.ts.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../modules/contract.js';
import { nevra, parseCheckUpdate, parseGroupList, parseRpmQuery } from '../../../modules/support/rpm-query.js';
import { dnfError, finishPackages } from '../../../modules/support/yum-plan.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'kvm', name), 'utf8');
const rpmOut = fixture('rpm-query.out');

describe('rpm query', () => {
  it('parses real rpm output per spec, also when rpm printed "not installed" lines', () => {
    const q = parseRpmQuery(rpmOut);
    expect(q.get('kplay-demo')?.map(nevra)).toEqual(['kplay-demo-2:1.2-3.el8.x86_64']);
    expect(q.get('kplay-virtual')?.map((p) => p.name)).toEqual(['kplay-demo']);
    expect(q.get('/usr/bin/kplay-demo')?.map((p) => p.name)).toEqual(['kplay-demo']);
    expect(q.get('kplay-tool-4.2.0')?.[0]).toEqual({ name: 'kplay-tool', epoch: '', version: '4.2.0', release: '48.module_el8.6.0+1', arch: 'noarch' });
    expect(q.get('qemu-kvm')).toEqual([]);
    expect(q.get('kplay-demo-1.0')).toEqual([]);
  });

  it('parses real dnf check-update output', () => {
    expect(parseCheckUpdate(fixture('dnf-check-update.out'))).toEqual([{ name: 'kplay-demo', arch: 'x86_64', version: '2:1.3-3.el8', repo: 'lab' }]);
  });

  it('ignores obsoletes', () => {
    const out = 'libvirt.x86_64   8.0.0-6.el8   appstream\nObsoleting Packages\nqemu-kvm.x86_64   15:6.2.0-1.el8   appstream\n';
    expect(parseCheckUpdate(out).map((u) => u.name)).toEqual(['libvirt']);
  });

  it('parses installed group lists', () => {
    expect(parseGroupList('Installed Groups:\n   Development Tools (development)\n')).toEqual([{ name: 'Development Tools', id: 'development' }]);
  });
});

describe('yum finish', () => {
  const tx = (code: number, stdout: string, stderr: string) => ({ step: { cmd: 'dnf -y install x', describe: 'install x' } as Step, code, stdout, stderr });

  it("fails with dnf's own message for an unknown package (real dnf output)", () => {
    const f = finishPackages([tx(1, fixture('dnf-install-nomatch.out'), fixture('dnf-install-nomatch.err'))]);
    expect(f.failed).toBe('No match for argument: nosuchpkg\nError: Unable to find a match: nosuchpkg');
  });

  it('lists installed and upgraded packages with versions from the post-query', () => {
    const post = { step: { cmd: '', describe: 'read the versions now installed' } as Step, code: 0, stderr: '', stdout: '### install:kplay-tool\n+ kplay-tool (none) 4.2.0 48.module_el8.6.0+1 noarch\n### upgrade:kplay-demo\n+ kplay-demo 2 1.3 3.el8 x86_64\n' };
    const f = finishPackages([tx(0, fixture('dnf-install.out'), ''), post]);
    expect(f).toEqual({ data: { installed: ['kplay-tool-4.2.0-48.module_el8.6.0+1.noarch'], upgraded: ['kplay-demo-2:1.3-3.el8.x86_64'] } });
  });

  it('keeps the solver problem lines', () => {
    const err = 'Error: \n Problem: conflicting requests\n  - nothing provides libvirt-libs needed by libvirt-8.0.0-5.x86_64\n';
    expect(dnfError('', err)).toBe('Error:\n Problem: conflicting requests\n  - nothing provides libvirt-libs needed by libvirt-8.0.0-5.x86_64');
  });
});
