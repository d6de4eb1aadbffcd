// The git module against ansible-playbook on Debian lab hosts (ansible-playbook on h1, kplay on h2), first run and
// rerun: the recap, exit code, registered before/after/changed and the checkouts left. The source repository is made
// on each host with fixed dates and names, so its commits have the same ids on both. Then verify_commit (a signed
// repository made on each host with a key of its own) and separate_git_dir.
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

// a repository whose first commit (tag signed) is signed with a key of root's keyring, the next (tag unsigned) not
const SIGNED = `set -e
DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnupg >/dev/null
gpg --batch --passphrase '' --quick-gen-key 'kp <kp@lab>' ed25519 sign never 2>/dev/null
export GIT_AUTHOR_NAME=kp GIT_AUTHOR_EMAIL=kp@lab GIT_COMMITTER_NAME=kp GIT_COMMITTER_EMAIL=kp@lab
git init -q -b main /srv/signed && cd /srv/signed
echo one > README && git add README && git -c user.signingkey=kp@lab commit -q -S -m one && git tag signed
echo two > README && git commit -q -am two && git tag unsigned`;

const PARAMS = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: git }
    - shell: ${JSON.stringify(SOURCE)}
      args: { creates: /srv/src }
    - shell: ${JSON.stringify(SIGNED)}
      args: { creates: /srv/signed }
    - name: verify_commit of a signed commit
      git: { repo: /srv/signed, dest: /srv/vs, version: signed, verify_commit: true }
      register: v1
    - name: verify_commit of an unsigned commit - cloned, then failed (and failed again on the rerun's checkout)
      git: { repo: /srv/signed, dest: /srv/vu, version: unsigned, verify_commit: true }
      register: v2
      ignore_errors: true
    - name: a clone with separate_git_dir
      git: { repo: /srv/src, dest: /srv/sep, separate_git_dir: /srv/sep.git }
      register: s1
    - name: a plain clone
      git: { repo: /srv/src, dest: /srv/rel }
    - name: moved to separate_git_dir
      git: { repo: /srv/src, dest: /srv/rel, separate_git_dir: /srv/rel.git }
      register: s2
    - name: a plain clone, then moved with update=no
      git: { repo: /srv/src, dest: /srv/rel2 }
    - git: { repo: /srv/src, dest: /srv/rel2, separate_git_dir: /srv/rel2.git, update: false }
      register: s3
    - name: separate_git_dir with bare
      git: { repo: /srv/src, dest: /srv/nobare, separate_git_dir: /srv/nobare.git, bare: true }
      register: s4
      ignore_errors: true
    - copy:
        dest: "/root/git-params-{{ 'first' if s1.changed else 'rerun' }}"
        content: |
          {% for r in [v1, v2, s1, s2, s3, s4] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.git_dir_before | default('-') }} {{ r.git_dir_now | default('-') }} {{ r.msg | default('') }}
          {% endfor %}
`;

const PARAMS_STATE = [
  'cat /root/git-params-first /root/git-params-rerun',
  'for d in sep rel rel2; do cat /srv/$d/.git; echo; git -C /srv/$d rev-parse --git-dir; git -C /srv/$d status --porcelain; done',
  'test -d /srv/rel/.git || echo no rel/.git directory',
  '[ "$(git -C /srv/vu rev-parse HEAD)" = "$(git -C /srv/signed rev-parse unsigned)" ] && echo vu is checked out at unsigned',
].join('; ');

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

  it('verify_commit and separate_git_dir (a clone, a move, a move with update=no): as ansible-playbook', async () => {
    const { ansible, kplay } = await comparePlaybook(lab.info(), lab.inventory, join(dir, 'params.yml'), PARAMS, PARAMS_STATE);
    expect(kplay).toBe(ansible);
    expect(kplay).toMatch(/^True False - - \n\w+ True - - Failed to verify GPG signature of commit\/tag "unsigned"\n/);
    expect(kplay).toContain('True False /srv/rel/.git /srv/rel.git \n');
    expect(kplay).toContain('True False /srv/rel2/.git /srv/rel2.git \n');
    expect(kplay).toContain('parameters are mutually exclusive: separate_git_dir|bare');
    expect(kplay).toContain('gitdir: /srv/rel.git\n/srv/rel.git\n');
    expect(kplay).toContain('vu is checked out at unsigned');
  });
});
