// templateLiteral: what Ansible's templating turns a result into when it spells a Python literal (JSON names read).
import { describe, expect, it } from 'vitest';
import { templateLiteral } from '../../../engine/core/pyliteral.js';

describe('templateLiteral', () => {
  it('reads lists, mappings and booleans, with JSON names as Python constants', () => {
    expect(templateLiteral('[1, "a", None]')).toEqual([1, 'a', null]);
    expect(templateLiteral('{"k": true, "n": null}')).toEqual({ k: true, n: null });
    expect(templateLiteral('True')).toBe(true);
  });
  it('leaves what is no literal', () => {
    expect(templateLiteral('[h1] restart')).toBeUndefined();
    expect(templateLiteral('{{ x }}')).toBeUndefined();
    expect(templateLiteral('[1, 2')).toBeUndefined();
  });
  it('gives up on nesting too deep for its parser instead of crashing (host output may be anything)', () => {
    expect(templateLiteral('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
  });
});
