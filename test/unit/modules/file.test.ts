// file: its probes quote the path and ask stat(1) for what the result reports (owner, group, mode, size: Ansible's
// add_path_info) but for state=absent outside check mode, whose result names no attributes. The module's plans and
// results are cases in test/unit/modules/cases/file.yml; what it does under a real sh is in test/local/modules/file.test.ts.
import { describe, expect, it } from 'vitest';
import { fileModule } from '../../../modules/file.js';
import { kitPlanContext } from './kit/plan-context.js';

describe('file probes', () => {
  const q = `'/tmp/it'"'"'s $(x)'`;
  const format = `f='%F|%a|%U|%G|%u|%g|%s|%d:%i|%h'; [ -e /sys/fs/selinux/enforce ] && f="$f|%C";`;

  it('probes quote the path; stat(1) with the SELinux context where it runs', () => {
    const probes = fileModule.probe?.({ path: "/tmp/it's $(x)", state: 'touch', recurse: false, force: false }, kitPlanContext()) ?? {};
    expect(probes.paths).toContain(`{ test -e ${q} || test -h ${q}; } && { ${format} stat -c "$f" -- ${q} 2>/dev/null`);
    expect(probes.paths).toContain(`test -h ${q} && test -e ${q} && { ${format} stat -L -c "$f" -- ${q} 2>/dev/null`);
    expect(probes.paths).toContain(`test -d /tmp && echo directory`);
    expect(probes.paths).toContain(`test -h ${q} && readlink -f -- ${q}`);
  });

  it('state=absent: the type only, by the shell; in check mode the attributes too (its result names them)', () => {
    const params = { path: "/tmp/it's $(x)", state: 'absent' as const, recurse: false, force: false };
    const plain = fileModule.probe?.(params, kitPlanContext()) ?? {};
    expect(plain.paths).not.toContain('stat -');
    expect(plain.paths).toContain(`test -h ${q}`);
    const checking = fileModule.probe?.(params, kitPlanContext({ check: true })) ?? {};
    expect(checking.paths).toContain(`stat -c "$f" -- ${q}`);
  });
});
