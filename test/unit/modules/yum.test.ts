// yum/dnf helpers as data: the rpm query and check-update parsers, dnf -v's solver lines (the results list), dnf's
// error words, finish (fixtures/dnf/: real dnf 4.14 -v output from an EL 8 lab host). The module's plans
// are cases in test/unit/modules/cases/yum.yml; the query against the real rpm is in test/local/modules/yum.test.ts.
import { describe, expect, it } from 'vitest';
import type { Step } from '../../../modules/contract.js';
import { nevra, parseCheckUpdate, parseGroupList, parseRpmQuery } from '../../../modules/support/rpm-query.js';
import { dnfError, finishPackages, parseTransaction } from '../../../modules/support/yum-plan.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'kvm', name), 'utf8');
const dnfFixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', 'dnf', name), 'utf8');
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

  it("fails with Ansible's message for an unknown package, the package in failures (real dnf output)", () => {
    const f = finishPackages([tx(1, fixture('dnf-install-nomatch.out'), fixture('dnf-install-nomatch.err'))]);
    expect(f.failed).toBe('Failed to install some of the specified packages');
    expect(f.data).toMatchObject({ failures: ['No package nosuchpkg available.'] });
  });

  it("names every package of the transaction from dnf -v's solver lines, as Ansible's results (real dnf output)", () => {
    const f = finishPackages([tx(0, fixture('dnf-install.out'), '')]);
    // the old fixture has no -v lines: nothing to name, still a change (dnf did not say "Nothing to do")
    expect(f).toEqual({ data: { msg: '', results: [], rc: 0 } });
    expect(finishPackages([tx(0, dnfFixture('upgrade.out'), '')]).data?.results).toEqual(['Installed: kplay-demo-1.0-1.el8.noarch', 'Removed: kplay-demo-0.9-1.el8.noarch']);
  });

  it('keeps the epoch unless it is 0 (hawkey prints no 0:, yum does), names with dots, each package once', () => {
    const out = [
      '---> Package kplay-demo.x86_64 2:1.3-3.el8 will be an upgrade',
      '---> Package kplay-demo.x86_64 2:1.2-3.el8 will be upgraded',
      '---> Package python3.11-libs.x86_64 3.11.5-1.el8 will be installed',
      '---> Package python3.11-libs.x86_64 3.11.5-1.el8 will be installed',
      '---> Package hello.x86_64 0:2.10-1.el7 will be an update',
      '---> Package hello.x86_64 0:2.9-1.el7 will be updated',
      '---> Package old-tool.noarch 1.0-1.el8 will be obsoleted',
      '---> Package new-tool.noarch 2.0-1.el8 will be obsoleting',
      '---> Package gone.noarch 1-1 will be erased',
      'Package hello.x86_64 will be installed (not a solver line)',
    ].join('\n');
    expect(parseTransaction(out)).toEqual({
      installed: ['kplay-demo-2:1.3-3.el8.x86_64', 'python3.11-libs-3.11.5-1.el8.x86_64', 'hello-2.10-1.el7.x86_64', 'new-tool-2.0-1.el8.noarch'],
      removed: ['kplay-demo-2:1.2-3.el8.x86_64', 'hello-2.9-1.el7.x86_64', 'old-tool-1.0-1.el8.noarch', 'gone-1-1.noarch'],
    });
  });

  it('a transaction that fails in dnf gives Ansible\'s failure keys; check mode\'s "Operation aborted." is no failure', () => {
    const f = finishPackages([tx(1, dnfFixture('nomatch.out'), 'Error: Unable to find a match: kplay-nope\n')]);
    expect(f).toEqual({ failed: 'Failed to install some of the specified packages', data: { failures: ['No package kplay-nope available.'], results: [], rc: 1 } });
    const dry = { step: { cmd: 'dnf --assumeno -v install firewalld', describe: 'install firewalld (dry run)', okCodes: [0, 1] } as Step, code: 1, stdout: dnfFixture('install-dry.out'), stderr: 'Operation aborted.\n' };
    expect(finishPackages([dry]).data).toMatchObject({ msg: 'Check mode: No changes made, but would have if not in check mode', rc: 0 });
    expect(finishPackages([{ ...dry, code: 0, stdout: dnfFixture('nothing.out'), stderr: '' }])).toEqual({ changed: false, data: { msg: 'Nothing to do', results: [], rc: 0 } });
  });

  it('keeps the solver problem lines', () => {
    const err = 'Error: \n Problem: conflicting requests\n  - nothing provides libvirt-libs needed by libvirt-8.0.0-5.x86_64\n';
    expect(dnfError('', err)).toBe('Error:\n Problem: conflicting requests\n  - nothing provides libvirt-libs needed by libvirt-8.0.0-5.x86_64');
  });
});
