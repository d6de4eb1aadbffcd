// The keys Ansible's add_path_info adds to a file module's result, from stat(1)'s line: types and values as Python's.
import { describe, expect, it } from 'vitest';
import { pathInfo, resultPathInfo } from '../../../modules/common/path-info.js';
import { parseStat } from '../../../modules/common/stat.js';
import type { Step } from '../../../modules/contract.js';
import { probeOut } from './kit/plan-context.js';

const stat = (line: string) => {
  const s = parseStat(probeOut(`${line}\n`));
  if (!s) throw new Error(`no stat in ${line}`);
  return s;
};
const step: Step = { cmd: 'x', describe: 'x' };

describe('path info', () => {
  it('a regular file: mode as 0NNN text, ids as ints, size as int', () => {
    expect(pathInfo(stat('regular file|644|root|root|0|0|4|2049:7|1'))).toEqual({ uid: 0, gid: 0, owner: 'root', group: 'root', mode: '0644', state: 'file', size: 4 });
  });
  it('setuid and sticky bits stay in the mode; an id without a name is its number', () => {
    expect(pathInfo(stat('regular file|4755|UNKNOWN|UNKNOWN|1234|5678|0|2049:7|1'))).toMatchObject({ mode: '04755', owner: '1234', group: '5678', uid: 1234, gid: 5678 });
    expect(pathInfo(stat('directory|1777|root|root|0|0|4096|2049:7|9')).mode).toBe('01777');
  });
  it('state: link, directory, hard for a file with other names, else file', () => {
    expect(pathInfo(stat('symbolic link|777|root|root|0|0|1|2049:7|1')).state).toBe('link');
    expect(pathInfo(stat('directory|755|root|root|0|0|4096|2049:7|3')).state).toBe('directory');
    expect(pathInfo(stat('regular file|600|root|root|0|0|0|2049:7|2')).state).toBe('hard');
    expect(pathInfo(stat('fifo|600|root|root|0|0|0|2049:7|1')).state).toBe('file');
  });
  it('secontext where SELinux gave one; none for its "?"', () => {
    expect(pathInfo(stat('regular file|644|root|root|0|0|4|2049:7|1|system_u:object_r:etc_t:s0')).secontext).toBe('system_u:object_r:etc_t:s0');
    expect(pathInfo(stat('regular file|644|root|root|0|0|4|2049:7|1|?'))).not.toHaveProperty('secontext');
  });
  it("after the steps: the last path_info line the steps printed, none when the path is gone", () => {
    const outputs = [
      { step, stdout: 'backup_file=/x~\npath_info=regular file|644|root|root|0|0|4|2049:7|1\n', stderr: '', code: 0 },
      { step, stdout: 'path_info=regular file|600|root|root|0|0|4|2049:7|1\n', stderr: '', code: 0 },
    ];
    expect(resultPathInfo(outputs)).toMatchObject({ mode: '0600' });
    expect(resultPathInfo([{ step, stdout: '', stderr: '', code: 0 }])).toEqual({});
  });
});
