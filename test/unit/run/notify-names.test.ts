// notify as templates: rendered with the task's variables on each host, as Ansible's post-validation renders them.
import { describe, expect, it } from 'vitest';
import { notifyNames } from '../../../engine/run/notify-names.js';

const where = { loc: { file: 'play.yml', line: 3, col: 5 }, task: 't' };

describe('notifyNames', () => {
  it('names without templates are kept as written', () => {
    expect(notifyNames(['restart a', 'b'], {}, where)).toEqual(['restart a', 'b']);
  });
  it('each entry is rendered with the variables', () => {
    expect(notifyNames(['restart {{ svc }}', 'plain'], { svc: 'sshd' }, where)).toEqual(['restart sshd', 'plain']);
  });
  it('an entry that renders to a list gives its items', () => {
    expect(notifyNames(['{{ hs }}'], { hs: ['a', 'b'] }, where)).toEqual(['a', 'b']);
  });
  it("an undefined variable: Ansible's words for an invalid field", () => {
    expect(() => notifyNames(['restart {{ nope }}'], {}, where)).toThrow(/^The field 'notify' has an invalid value, which includes an undefined variable. The error was: .*'nope' is undefined/);
  });
});
