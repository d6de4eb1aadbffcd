// JUnit XML of a run: one case per host and task, its worst result deciding failure / error / skipped.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../engine/core/events.js';
import { junitXml } from '../../../engine/report/index.js';

const result = (host: string, status: 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable', extra: Record<string, unknown> = {}) =>
  ({ event: 'host_result', host, task: 't', status, durationMs: 250, ...extra }) as Extract<RunEvent, { event: 'host_result' }>;

describe('junitXml', () => {
  it('counts and marks each case by its worst result; an ignored failure passes', () => {
    const xml = junitXml(
      'site.yml',
      [
        { name: '[h1] P: t', classname: 'site.yml:3:7', results: [result('h1', 'ok'), result('h1', 'failed', { msg: 'boom <&> "q"' })] },
        { name: '[h2] P: t', classname: 'site.yml:3:7', results: [result('h2', 'unreachable', { msg: 'no route' })] },
        { name: '[h3] P: t', classname: 'site.yml:3:7', results: [result('h3', 'skipped', { msg: 'Conditional result was False' })] },
        { name: '[h4] P: t', classname: 'site.yml:3:7', results: [result('h4', 'failed', { msg: 'x', ignored: true })] },
      ],
      1500,
    );
    expect(xml).toContain('<testsuite disabled="0" errors="1" failures="1" name="site.yml" skipped="1" tests="4" time="1.500">');
    expect(xml).toContain('<testcase classname="site.yml:3:7" name="[h1] P: t" time="0.500">');
    expect(xml).toContain('<failure message="boom &lt;&amp;&gt; &quot;q&quot;" type="failed">boom &lt;&amp;&gt; "q"</failure>');
    expect(xml).toContain('<error message="no route" type="unreachable">no route</error>');
    expect(xml).toContain('<skipped message="Conditional result was False"/>');
    expect(xml).toContain('<testcase classname="site.yml:3:7" name="[h4] P: t" time="0.250"/>');
  });

  it('drops the control characters XML cannot hold, even escaped', () => {
    const xml = junitXml('p.yml', [{ name: '[h\u0007] P: t', classname: 'c', results: [result('h', 'failed', { msg: 'a\u001b[31mb' })] }], 0);
    expect([...xml].filter((c) => c.charCodeAt(0) < 0x20 && c !== '\n')).toEqual([]);
    expect(xml).toContain('message="a[31mb"');
  });
});
