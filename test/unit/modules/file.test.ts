// file: its probes quote the path and ask stat(1) only when an attribute is wanted. The module's plans are cases in
// test/unit/modules/cases/file.yml; what it does under a real sh is in test/local/modules/file.test.ts.
import { describe, expect, it } from 'vitest';
import { fileModule } from '../../../modules/file.js';
import { kitPlanContext } from './kit/plan-context.js';

describe('file probes', () => {
  it('probes quote the path; stat(1) only when an attribute is wanted', () => {
    const q = `'/tmp/it'"'"'s $(x)'`;
    const withMode = fileModule.probe?.({ path: "/tmp/it's $(x)", mode: '0644', recurse: false, force: false }, kitPlanContext()) ?? {};
    expect(withMode.paths).toContain(`{ test -e ${q} || test -h ${q}; } && stat -c '%F|%a|%U|%G|%u|%g|%s|%d:%i' -- ${q}`);
    expect(withMode.paths).toContain(`test -h ${q} && test -e ${q} && stat -L -c '%F|%a|%U|%G|%u|%g|%s|%d:%i' -- ${q}`);
    expect(withMode.paths).toContain(`test -d /tmp && echo directory`);
    const plain = fileModule.probe?.({ path: "/tmp/it's $(x)", state: 'absent', recurse: false, force: false }, kitPlanContext()) ?? {};
    expect(plain.paths).not.toContain('stat -');
    expect(plain.paths).toContain(`test -h ${q}`);
  });
});
