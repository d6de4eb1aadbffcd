// The git module against ansible-playbook on Debian lab hosts (ansible-playbook on h1, kplay on h2), first run and
// rerun: the recap, exit code, registered before/after/changed and the checkouts left. The source repository is made
// on each host with fixed dates and names, so its commits have the same ids on both.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlaybook } from './support/compare-runs.js';
import { useLab } from './support/lab.js';

const SOURCE = `set -e
export GIT_AUTHOR_NAME=kp GIT_AUTHOR_EMAIL=kp@lab GIT_COMMITTER_NAME=kp GIT_COMMITTER_EMAIL=kp@lab
export GIT_AUTHOR_DATE=2024-01-01T00:00:00Z GIT_COMMITTER_DATE=2024-01-01T00:00:00Z
git init -q -b main /srv/src && cd /srv/src
echo one > README && git add README && git commit -q -m one && git tag v1
echo two > README && git commit -q -am two && git tag -a v2 -m "release 2"
git checkout -q -b dev && echo dev > DEV && git add DEV && git commit -q -m dev && git checkout -q main
echo three > README && git commit -q -am three`;

const GIT = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: git }
    - shell: ${JSON.stringify(SOURCE)}
      args: { creates: /srv/src }
    - name: check mode predicts the clone
      git: { repo: /srv/src, dest: /srv/co }
      check_mode: true
      register: r0
    - name: a clone of HEAD
      git: { repo: /srv/src, dest: /srv/co }
      register: r1
    - name: the same again - ok
      git: { repo: /srv/src, dest: /srv/co }
      register: r2
    - name: a lightweight tag
      git: { repo: /srv/src, dest: /srv/co, version: v1 }
      register: r3
    - name: an annotated tag
      git: { repo: /srv/src, dest: /srv/co, version: v2 }
      register: r4
    - name: a branch, then again
      git: { repo: /srv/src, dest: /srv/co, version: dev }
      loop: [1, 2]
      register: r5
    - name: check mode predicts the move back
      git: { repo: /srv/src, dest: /srv/co, version: main }
      check_mode: true
      register: r6
    - name: a tracked file changed on the host
      shell: echo local >> /srv/co/DEV
      changed_when: false
    - name: local modifications fail without force
      git: { repo: /srv/src, dest: /srv/co, version: main }
      ignore_errors: true
      register: r7
    - name: update=no leaves them
      git: { repo: /srv/src, dest: /srv/co, update: false }
      register: r8
    - name: force resets them
      git: { repo: /srv/src, dest: /srv/co, version: main, force: true }
      register: r9
    - name: the same repository named with a trailing slash - ok
      git: { repo: /srv/src/, dest: /srv/co, version: main }
      register: r10
    - name: a version the repository does not have
      git: { repo: /srv/src, dest: /srv/co, version: nosuch }
      ignore_errors: true
      register: r11
    - name: clone=no only reads the remote revision
      git: { repo: /srv/src, dest: /srv/none, clone: false, version: dev }
      register: r12
    - name: a shallow clone of a branch
      git: { repo: /srv/src, dest: /srv/shallow, version: dev, depth: 1 }
    - name: a bare clone
      git: { repo: "file:///srv/src", dest: /srv/bare.git, bare: true }
    - name: a repository that is not there
      git: { repo: /srv/nothing, dest: /srv/co2 }
      ignore_errors: true
    - copy:
        dest: /root/git-results
        content: |
          {% for r in [r0, r1, r2, r3, r4] + r5.results + [r6, r7, r8, r9, r10, r11, r12] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.before | default('-') }} {{ r.after | default('-') }} {{ r.remote_url_changed | default('-') }} {{ r.msg if r.failed | default(false) else '' }}
          {% endfor %}
          {{ r9.msg }}
`;

const STATE = 'cat /root/git-results; cd /srv/co && git rev-parse HEAD && git branch --no-color && git status --porcelain; git -C /srv/shallow rev-list --count HEAD; git -C /srv/bare.git rev-parse --is-bare-repository main; test -e /srv/none || echo none';

describe('git against ansible-playbook on Debian lab hosts', () => {
  const lab = useLab({ name: 'gitmod', count: 2, os: 'debian12' });
  const dir = mkdtempSync(join(tmpdir(), 'git-pb-'));

  it('clone, tags, branches, check mode, local changes, force, update=no, clone=no, depth, bare: the same recap, exit code, results and checkouts', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'git.yml'), GIT, STATE);
    expect(kplay).toBe(ansible);
    // after the rerun: HEAD's clone is ok, the tag moved it (changed, before and after differ)
    const lines = kplay.split('\n');
    expect(lines[1]).toMatch(/^False False ([0-9a-f]{40}) \1 False $/);
    expect(lines[3]).toMatch(/^True False ([0-9a-f]{40}) (?!\1)[0-9a-f]{40} False $/);
    expect(kplay).toContain('Local modifications exist in the destination: /srv/co (force=no).');
    expect(kplay).toContain('\n1\ntrue\n');
    expect(kplay).toContain('Failed to checkout nosuch');
  });
});
