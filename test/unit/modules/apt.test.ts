// apt's parsers as data: apt-cache policy and apt-get's output. The module's plans (and package's dispatch on
// pkg_mgr) are cases in test/unit/modules/cases/apt.yml and package.yml; the real dpkg is read in
// test/local/modules/apt.test.ts.
import { describe, expect, it } from 'vitest';
import { parseAptGetOutput, parsePolicy } from '../../../modules/common/apt-query.js';
import { probeOut } from './kit/plan-context.js';

describe('apt parsers', () => {
  it('parses apt-cache policy and apt-get output', () => {
    expect(parsePolicy(probeOut('dpkg:\n  Installed: 1.21.22\n  Candidate: 1.21.23\n  Version table:\nx:\n  Installed: (none)\n  Candidate: 2\n'))).toEqual(
      new Map([
        ['dpkg', { installed: '1.21.22', candidate: '1.21.23' }],
        ['x', { installed: undefined, candidate: '2' }],
      ]),
    );
    const r = parseAptGetOutput('Reading package lists...\n0 upgraded, 1 newly installed, 0 to remove and 3 not upgraded.\nSetting up tree (2.1.0-1) ...\n');
    expect(r).toEqual({ installed: ['tree=2.1.0-1'], removed: [], changedCount: 1 });
  });

});
