// The repository switches' shell setup, run by sh on this machine: a stand-in `sed` on PATH prints the repository
// ids a host's repo files would give, so that the matching itself (globs, order, dropped patterns) is what runs.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoArgs, type RepoSwitches } from '../../../modules/support/dnf-repo-args.js';

const bin = mkdtempSync(join(tmpdir(), 'kplay-repo-args-'));
// the section names of a host's repo files, [main] of dnf.conf among them
writeFileSync(join(bin, 'sed'), "#!/bin/sh\nprintf 'main\\nkplay-lab\\nappstream\\nbaseos-debug\\n'\n");
chmodSync(join(bin, 'sed'), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** The words "$@" holds after the setup, one a line, as dnf would get them. */
function wordsOnHost(r: RepoSwitches): string[] {
  const { setup, args } = repoArgs(r);
  const out = execFileSync('sh', ['-c', `${setup}printf '%s\\n' ${args}`], { env: { PATH: `${bin}:/usr/bin:/bin` }, encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '');
}

describe('repository switches', () => {
  it('without enablerepo: written out, no setup', () => {
    expect(repoArgs({ disablerepo: ['*'], enablerepo: [], switches: ['--security'] })).toEqual({ setup: '', args: "'--disablerepo=*' --security" });
  });

  it('drops an enablerepo pattern no configured repository matches, as Ansible enables nothing for it (dnf would fail: "Unknown repo")', () => {
    expect(wordsOnHost({ disablerepo: [], enablerepo: ['epel'], switches: [] })).toEqual([]);
    expect(wordsOnHost({ disablerepo: [], enablerepo: ['epel', 'kplay-lab'], switches: ['--refresh'] })).toEqual(['--enablerepo=kplay-lab', '--refresh']);
  });

  it('matches patterns as globs, keeps disablerepo first, and never reads [main] as a repository', () => {
    expect(wordsOnHost({ disablerepo: ['*'], enablerepo: ['kplay*', 'base?s-*', 'main', '*-nope'], switches: [] })).toEqual([
      '--disablerepo=*',
      '--enablerepo=kplay*',
      '--enablerepo=base?s-*',
    ]);
  });

  it('a pattern is data: spaces, quotes and $(...) reach no shell as code', () => {
    expect(wordsOnHost({ disablerepo: [], enablerepo: ["$(touch /tmp/x) 'a", 'app* stream', 'appstream'], switches: [] })).toEqual(['--enablerepo=appstream']);
  });
});
