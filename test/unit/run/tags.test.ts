import { describe, expect, it } from 'vitest';
import { selectedByTags } from '../../../engine/run/tags.js';

const cases: [string[], string[], string[], boolean][] = [
  [[], [], [], true],
  [['install'], [], [], true],
  [['install'], ['install'], [], true],
  [['service'], ['install'], [], false],
  [['always'], ['install'], [], true],
  [['never'], [], [], false],
  [['never', 'debug'], ['debug'], [], true],
  [['install'], [], ['install'], false],
  [['always'], [], ['always'], false],
  [[], ['untagged'], [], true],
  [['x'], ['tagged'], [], true],
];

describe('tag selection', () => {
  it.each(cases)('tags %j with --tags %j --skip-tags %j -> %s', (task, only, skip, expected) => {
    expect(selectedByTags(task, only, skip)).toBe(expected);
  });
});
