// A meta task's result on one host, in Ansible 2.14's words (strategy/__init__.py, _execute_meta).
import { describe, expect, it } from 'vitest';
import { evaluatesWhen, metaOutcome, runsPerHost } from '../../../engine/run/meta-task.js';

describe('meta tasks', () => {
  it.each([
    ['flush_handlers', { msg: 'flush_handlers', skip_reason: 'flush_handlers conditional evaluated to False, not running handlers for h2' }],
    ['end_host', { msg: 'end_host conditional evaluated to false, continuing execution for h2', skip_reason: 'end_host conditional evaluated to False, continuing execution for h2' }],
    ['end_play', { msg: 'end_play', skip_reason: 'end_play conditional evaluated to False, continuing play' }],
    ['end_batch', { msg: 'end_batch', skip_reason: 'end_batch conditional evaluated to False, continuing current batch' }],
    ['clear_facts', { msg: 'clear_facts', skip_reason: 'clear_facts conditional evaluated to False, not clearing facts and fact cache for h2' }],
    ['clear_host_errors', { msg: 'clear_host_errors', skip_reason: 'clear_host_errors conditional evaluated to False, not clearing host error state for h2' }],
  ])('%s skipped says why, and -vv says the reason', (action, result) => {
    expect(metaOutcome(action, 'h2', false)).toEqual({ skipped: true, said: result.skip_reason, result });
  });

  it.each([
    ['flush_handlers', 'triggered running handlers for h1'],
    ['end_host', 'ending play for h1'],
    ['end_play', 'ending play'],
    ['noop', 'noop'],
    ['refresh_inventory', 'inventory successfully refreshed'],
  ])('%s done says %s', (action, said) => {
    expect(metaOutcome(action, 'h1', true)).toEqual({ skipped: false, said });
  });

  it('runs noop, flush_handlers, end_host, reset_connection and role_complete for each host, the others once', () => {
    const all = ['noop', 'flush_handlers', 'end_host', 'reset_connection', 'role_complete', 'end_play', 'end_batch', 'clear_facts', 'clear_host_errors', 'refresh_inventory'];
    expect(all.filter(runsPerHost)).toEqual(['noop', 'flush_handlers', 'end_host', 'reset_connection', 'role_complete']);
    expect(all.filter((a) => !evaluatesWhen(a))).toEqual(['noop', 'reset_connection', 'role_complete', 'refresh_inventory']);
  });
});
