// Names are data (issue [8] 5) through a whole run: a failed host named __proto__ is in the recap and fails the run;
// set_fact, register, loop and extra vars of names Object.prototype has are ordinary variables. The playbooks use
// controller-only modules on `ansible_connection=local` hosts, so the run is in-process and touches nothing.
import { afterAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../engine/core/events.js';
import { caseFiles, results, runInProcess, type InProcessRun } from './support/in-process.js';

const files = caseFiles('kplay-run-names-');
afterAll(() => files.remove());

const INVENTORY = `
[constructor]
__proto__
toString

[constructor:vars]
__proto__=group_proto

[all:vars]
ansible_connection=local
`;

function run(playbook: string, extra: readonly string[] = []): Promise<InProcessRun> {
  const dir = files.write({ 'hosts.ini': INVENTORY, 'play.yml': playbook });
  return runInProcess(`${dir}/play.yml`, `${dir}/hosts.ini`, extra);
}

/** what the debug tasks printed, per host, in order */
function messages(events: readonly RunEvent[], host: string): unknown[] {
  return results(events, host)
    .filter((e) => e.status === 'ok')
    .map((e) => e.detail?.msg)
    .filter((m) => m !== undefined);
}

describe('names are data in a run', () => {
  it('a failed host named __proto__ is in the recap and the run exits 2', async () => {
    const { code, events } = await run(
      `- hosts: all
  gather_facts: false
  tasks:
    - fail: {msg: boom}
      when: inventory_hostname == '__proto__'
`,
    );
    const recap = events.find((e) => e.event === 'recap');
    expect(recap?.event === 'recap' ? Object.keys(recap.hosts) : []).toEqual(['__proto__', 'toString']);
    expect(recap?.event === 'recap' ? recap.hosts['__proto__'] : undefined).toMatchObject({ ok: 0, failed: 1 });
    expect(code).toBe(2);
  });

  it('set_fact, register, loop and extra vars named constructor, __proto__, toString', async () => {
    const { code, events } = await run(
      `- hosts: toString
  gather_facts: false
  tasks:
    - debug: {msg: "{{ constructor is defined }} {{ valueOf is defined }} {{ __proto__ }}"}
    - set_fact:
        constructor: fact_c
        __proto__: {inner: fact_p}
    - debug: {msg: "{{ constructor }} {{ __proto__.inner }}"}
    - debug: {msg: ok}
      register: hasOwnProperty
    - debug: {msg: "{{ hasOwnProperty.failed }}"}
    - debug: {msg: "{{ valueOf }}{{ toString }}"}
      loop: [a, b]
      loop_control: {loop_var: valueOf, index_var: toString}
    - debug: {msg: "{{ isPrototypeOf }} {{ __defineGetter__ }}"}
`,
      ['isPrototypeOf=from_e', '{"__defineGetter__": 3}'],
    );
    expect(messages(events, 'toString')).toEqual(['False False group_proto', 'fact_c fact_p', 'ok', false, 'a0', 'b1', 'from_e 3']);
    expect(code).toBe(0);
  });

  it('a template reads no member of Object.prototype', async () => {
    const { events } = await run(
      `- hosts: toString
  gather_facts: false
  tasks:
    - debug: {msg: "{{ constructor }}"}
`,
    );
    const failed = events.find((e) => e.event === 'host_result' && e.status === 'failed');
    expect(failed?.event === 'host_result' ? failed.msg : '').toContain("'constructor' is undefined");
  });
});
