// Include recursion at run time (issue [8] 3): an include_tasks / include_role whose name is a template (validate
// cannot follow it) that includes itself stops at MAX_INCLUDE_DEPTH with the chain shown, as Ansible's run ends at
// its recursion limit: the host fails, nothing more runs (not even a rescue), and the run exits 2. A recursion
// that ends by itself runs as before.
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INCLUDE_DEPTH } from '../../../engine/playbook/include-chain.js';
import { caseFiles, results, runInProcess } from './support/in-process.js';

const files = caseFiles('kplay-include-depth-');
afterAll(() => files.remove());

const INVENTORY = 'h1 ansible_connection=local\nh2 ansible_connection=local\n';

const PLAYBOOK = `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - include_tasks: "{{ 'again' }}.yml"
      rescue:
        - debug: {msg: rescued}
    - debug: {msg: after}
- hosts: all
  gather_facts: false
  tasks:
    - debug: {msg: next play}
`;

describe('a templated include that includes itself', () => {
  it('stops at the depth limit with the chain, fails the hosts and ends the run', async () => {
    // one host: 250 levels of include per host are the cost of this test
    const dir = files.write({ 'hosts.ini': 'h1 ansible_connection=local\n', 'play.yml': PLAYBOOK, 'again.yml': "- debug: {msg: again}\n- include_tasks: \"{{ 'again' }}.yml\"\n" });
    const started = performance.now();
    const { code, events } = await runInProcess(`${dir}/play.yml`, `${dir}/hosts.ini`);
    expect(performance.now() - started, 'bounded work').toBeLessThan(30_000);
    expect(code).toBe(2);
    const failed = results(events).filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.host)).toEqual(['h1']);
    const msg = failed[0]?.msg ?? '';
    // which limit, where, and the chain: the include in the playbook, then the one in again.yml, folded
    expect(msg).toContain(`${dir}/again.yml:2:3: include_tasks {{ 'again' }}.yml is nested ${MAX_INCLUDE_DEPTH + 1} includes deep, past kplay's limit of ${MAX_INCLUDE_DEPTH}`);
    expect(msg).toContain(`\n  ${dir}/play.yml:5:11: include_tasks ${dir}/again.yml\n  ${dir}/again.yml:2:3: include_tasks ${dir}/again.yml\n  ... (the include above, ${MAX_INCLUDE_DEPTH - 1} times in all)\n`);
    expect(msg).toContain('hint: a file or role that includes itself needs a when: that ends the recursion');
    expect(msg.split('\n').length, 'the chain is folded').toBeLessThan(10);
    // each level ran its debug once per host; no rescue, no later task or play
    const printed = results(events).map((r) => r.detail?.msg);
    expect(printed.filter((m) => m === 'again')).toHaveLength(MAX_INCLUDE_DEPTH);
    expect(printed).not.toContain('rescued');
    expect(printed).not.toContain('after');
    expect(printed).not.toContain('next play');
  });

  it('include_role of its own role, by a templated name, stops the same way', async () => {
    const dir = files.write({
      'hosts.ini': INVENTORY,
      'play.yml': '- hosts: all\n  gather_facts: false\n  roles: [deep]\n',
      'roles/deep/tasks/main.yml': "- include_role:\n    name: \"{{ 'deep' }}\"\n",
    });
    const { code, events } = await runInProcess(`${dir}/play.yml`, `${dir}/hosts.ini`);
    expect(code).toBe(2);
    const failed = results(events).filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.host).sort()).toEqual(['h1', 'h2']);
    const msg = failed[0]?.msg ?? '';
    expect(msg).toContain(`include_role {{ 'deep' }} is nested ${MAX_INCLUDE_DEPTH + 1} includes deep`);
    expect(msg).toContain(`${dir}/roles/deep/tasks/main.yml:1:3: include_role role deep (main)`);
  });

  it('a recursion that a when ends runs to its end', async () => {
    const dir = files.write({
      'hosts.ini': INVENTORY,
      'play.yml': "- hosts: all\n  gather_facts: false\n  vars: {n: 0}\n  tasks:\n    - include_tasks: \"{{ 'count' }}.yml\"\n    - debug: {msg: \"n={{ n }}\"}\n",
      'count.yml': "- set_fact: {n: \"{{ n | int + 1 }}\"}\n- include_tasks: count.yml\n  when: n | int < 40\n",
    });
    const { code, events } = await runInProcess(`${dir}/play.yml`, `${dir}/hosts.ini`);
    expect(code).toBe(0);
    expect(results(events, 'h1').map((r) => r.detail?.msg)).toContain('n=40');
  });
});
