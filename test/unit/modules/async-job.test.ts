// The async job helpers (modules/common/async-job.ts): "finished" decides a results file; job ids are file names.
// async_status's plans and results: test/unit/modules/cases/async_status.yml.
import { describe, expect, it } from 'vitest';
import { readJobFile, validJobId } from '../../../modules/common/async-job.js';

describe('async job helpers', () => {
  it('readJobFile: "finished" decides, whatever else is there', () => {
    expect(readJobFile('j', '{"started": 1, "finished": 1, "rc": 0}').kind).toBe('finished');
    expect(readJobFile('j', '[1]').kind).toBe('running');
  });

  it('job ids are file names, nothing that leaves the directory', () => {
    expect(['j123456789012.4567', 'job_1'].map(validJobId)).toEqual([true, true]);
    expect(['', '..', '../x', 'a/b', '.hidden', 'a b'].map(validJobId)).toEqual([false, false, false, false, false, false]);
  });
});
