import { describe, expect, it } from 'vitest';
import { serialBatches } from '../../../engine/run/serial.js';

const h = (n: number) => Array.from({ length: n }, (_, i) => `h${i + 1}`);

describe('serial batches', () => {
  it('no serial: one batch of all hosts', () => expect(serialBatches(h(3), [])).toEqual([h(3)]));
  it('a number', () => expect(serialBatches(h(5), [2]).map((b) => b.length)).toEqual([2, 2, 1]));
  it('a percentage', () => expect(serialBatches(h(10), ['30%']).map((b) => b.length)).toEqual([3, 3, 3, 1]));
  it('a list: the last size repeats', () => expect(serialBatches(h(7), [1, 2]).map((b) => b.length)).toEqual([1, 2, 2, 2]));
  it('a number as text is a number, as Python int() reads it', () => expect(serialBatches(h(5), ['2']).map((b) => b.length)).toEqual([2, 2, 1]));
  it('0 takes every host left, as Ansible', () => expect(serialBatches(h(5), [1, 0]).map((b) => b.length)).toEqual([1, 4]));
  it('a tiny percentage still makes progress', () => expect(serialBatches(h(3), ['10%']).map((b) => b.length)).toEqual([1, 1, 1]));
});
