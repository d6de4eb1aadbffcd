// Plain output as ansible-playbook prints it: banners, host lines, warnings on stderr, free strategy, colour.
import { describe, expect, it } from 'vitest';
import type { HostResult, RunEvent } from '../../../engine/core/events.js';
import { createReporter } from '../../../engine/report/index.js';
import { Capture } from './capture.js';

const loc = { file: 'pb.yml', line: 5, col: 7 };
const task = (name: string, extra: Partial<Extract<RunEvent, { event: 'task_start' }>> = {}): RunEvent => ({
  event: 'task_start',
  play: 'Demo play',
  task: name,
  loc,
  hosts: ['localhost'],
  ...extra,
});
const res = (taskName: string, r: Partial<HostResult> & Pick<HostResult, 'status'>): RunEvent => ({
  event: 'host_result',
  host: 'localhost',
  task: taskName,
  durationMs: 10,
  ...r,
});
const end = (name: string, durationMs: number): RunEvent => ({ event: 'task_end', task: name, durationMs });

function run(events: readonly RunEvent[], opts: { verbosity?: number; color?: boolean } = {}): { out: string; err: string } {
  const out = new Capture();
  const err = new Capture();
  const r = createReporter({ json: false, live: false, verbosity: opts.verbosity ?? 0, color: opts.color ?? false, out, err });
  for (const e of events) r.on(e);
  return { out: out.text, err: err.text };
}

const stars = (msg: string): string => `${msg} ${'*'.repeat(79 - msg.length)}`;

// The same playbook ansible-playbook 2.14 ran (-c local): its output, line for line, but for the timings the
// command module adds (delta/start/end) and the loop's `ansible_loop_var` / `*_lines` keys.
const demo: RunEvent[] = [
  { event: 'run_start', playbook: 'pb.yml', check: false, hosts: ['localhost'] },
  { event: 'play_start', play: 'Demo play', hosts: ['localhost'] },
  task('say ok'),
  res('say ok', { status: 'ok' }),
  end('say ok', 120),
  task('change'),
  res('change', { status: 'changed' }),
  end('change', 2300),
  task('skip me'),
  res('skip me', { status: 'skipped' }),
  end('skip me', 5),
  task('loop'),
  res('loop', { status: 'changed', item: 'a' }),
  res('loop', { status: 'changed', item: 'b' }),
  end('loop', 400),
  task('fail ignored'),
  res('fail ignored', {
    status: 'failed',
    ignored: true,
    endsIgnored: true,
    changed: true,
    msg: 'non-zero return code',
    detail: { cmd: ['false'], rc: 1, stderr: '', stdout: '' },
  }),
  end('fail ignored', 90),
  task('in block'),
  res('in block', { status: 'failed', rescued: true, changed: true, msg: 'non-zero return code', detail: { cmd: ['false'], rc: 1 } }),
  end('in block', 80),
  task('rescue'),
  res('rescue', { status: 'ok', verboseAlways: true, detail: { msg: 'hi' } }),
  end('rescue', 1),
  task('real fail'),
  res('real fail', { status: 'failed', msg: 'boom' }),
  end('real fail', 2),
  {
    event: 'recap',
    hosts: { localhost: { ok: 6, changed: 4, unreachable: 0, failed: 1, skipped: 1, rescued: 1, ignored: 2 } },
  },
  { event: 'run_end', exitCode: 2, durationMs: 3000 },
];

describe('plain output is ansible-playbook output', () => {
  it('prints banners, one line per host, loop items, ignoring, debug, the recap and the slowest tasks', () => {
    const { out, err } = run(demo);
    expect(out).toBe(
      [
        '',
        stars('PLAY [Demo play]'),
        '',
        stars('TASK [say ok]'),
        'ok: [localhost]',
        '',
        stars('TASK [change]'),
        'changed: [localhost]',
        '',
        stars('TASK [skip me]'),
        'skipping: [localhost]',
        '',
        stars('TASK [loop]'),
        'changed: [localhost] => (item=a)',
        'changed: [localhost] => (item=b)',
        '',
        stars('TASK [fail ignored]'),
        'fatal: [localhost]: FAILED! => {"changed": true, "cmd": ["false"], "msg": "non-zero return code", "rc": 1, "stderr": "", "stdout": ""}',
        '...ignoring',
        '',
        stars('TASK [in block]'),
        'fatal: [localhost]: FAILED! => {"changed": true, "cmd": ["false"], "msg": "non-zero return code", "rc": 1}',
        '',
        stars('TASK [rescue]'),
        'ok: [localhost] => {',
        '    "msg": "hi"',
        '}',
        '',
        stars('TASK [real fail]'),
        'fatal: [localhost]: FAILED! => {"changed": false, "msg": "boom"}',
        '',
        stars('PLAY RECAP'),
        'localhost                  : ok=6    changed=4    unreachable=0    failed=1    skipped=1    rescued=1    ignored=2   ',
        '',
        '='.repeat(79),
        'change ------------------------------------------------------------------ 2.30s',
        'loop -------------------------------------------------------------------- 0.40s',
        'say ok ------------------------------------------------------------------ 0.12s',
        'fail ignored ------------------------------------------------------------ 0.09s',
        'in block ---------------------------------------------------------------- 0.08s',
        '',
      ].join('\n'),
    );
    expect(err).toBe('');
  });

  const lineCases: { name: string; events: RunEvent[]; verbosity?: number; lines: string[] }[] = [
    {
      name: 'unreachable, and a warning goes to stderr not stdout',
      events: [task('t'), res('t', { status: 'unreachable', msg: 'Failed to connect to the host via ssh: refused' })],
      lines: ['fatal: [localhost]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh: refused", "unreachable": true}'],
    },
    {
      name: 'a failed loop item and a skipped one (with Ansible\'s trailing space)',
      events: [task('t'), res('t', { status: 'skipped', item: 'x' }), res('t', { status: 'failed', item: 'y', msg: 'no', ignored: true, endsIgnored: true, detail: { ansible_loop_var: 'item', item: 'y' } })],
      lines: ['skipping: [localhost] => (item=x) ', 'failed: [localhost] (item=y) => {"ansible_loop_var": "item", "changed": false, "item": "y", "msg": "no"}', '...ignoring'],
    },
    {
      name: 'no_log: a failure shows censored, a loop ends with the task line and ...ignoring after it',
      events: [
        task('t'),
        res('t', { status: 'failed', msg: 'hidden', censored: { showsChanged: true } }),
        task('u'),
        res('u', { status: 'changed', item: 'None', msg: 'hidden', censored: { showsChanged: true } }),
        res('u', { status: 'failed', item: 'None', msg: 'hidden', censored: { showsChanged: true }, changed: true, ignored: true, endsIgnored: true, endsCensoredLoop: { status: 'failed', changed: true } }),
      ],
      lines: [
        'fatal: [localhost]: FAILED! => {"censored": "hidden", "changed": false}',
        'changed: [localhost] => (item=None)',
        'failed: [localhost] (item=None) => {"censored": "hidden", "changed": true}',
        'fatal: [localhost]: FAILED! => {"censored": "hidden", "changed": true}',
        '...ignoring',
      ],
    },
    {
      name: "no_log on debug in a loop: the censored result has no changed, shown with -v only",
      verbosity: 1,
      events: [task('t'), res('t', { status: 'ok', item: 'None', msg: 'hidden', censored: { showsChanged: false }, endsCensoredLoop: { status: 'ok', changed: false } })],
      lines: ['ok: [localhost] => (item=None) => {"censored": "hidden"}', 'ok: [localhost] => {"censored": "hidden"}'],
    },
    {
      name: 'check mode marks a predicted change',
      events: [task('t'), res('t', { status: 'changed', predicted: true }), res('t', { status: 'changed', predicted: true, item: 'a' })],
      lines: ['changed: [localhost] (predicted)', 'changed: [localhost] => (item=a) (predicted)'],
    },
    {
      name: 'role tasks and handlers',
      events: [task('restart', { role: 'web', handler: true })],
      lines: [stars('RUNNING HANDLER [web : restart]')],
    },
    {
      name: "-v shows what the module returned (its own msg), not the commands kplay ran nor kplay's account",
      verbosity: 1,
      events: [
        task('t'),
        res('t', { status: 'changed', msg: 'run true', detail: { rc: 0, msg: '' }, commands: [{ cmd: 'exec true', code: 0, stdout: '', stderr: '' }] }),
        res('t', { status: 'ok', msg: 'set x', detail: { ansible_facts: { x: 1 } } }),
      ],
      lines: ['changed: [localhost] => {"changed": true, "msg": "", "rc": 0}', 'ok: [localhost] => {"ansible_facts": {"x": 1}, "changed": false}'],
    },
    {
      name: '-vv adds the task path',
      verbosity: 2,
      events: [task('t')],
      lines: [stars('TASK [t]'), 'task path: pb.yml:5'],
    },
    {
      name: '-vvv indents results and shows SSH-level log lines; lower levels hide them',
      verbosity: 3,
      events: [
        { event: 'log', level: 3, host: 'localhost', msg: 'ESTABLISH SSH CONNECTION FOR USER: root' },
        { event: 'log', level: 4, host: 'localhost', msg: 'hidden at -vvv' },
        res('t', { status: 'ok', detail: { msg: 'fine' } }),
      ],
      lines: ['<localhost> ESTABLISH SSH CONNECTION FOR USER: root', 'ok: [localhost] => {', '    "changed": false,', '    "msg": "fine"', '}'],
    },
    {
      name: 'a result with a diff (its task asked for one) shows it as a unified diff',
      events: [res('t', { status: 'changed', diff: { path: '/etc/motd', before: 'a\nb\nc\n', after: 'a\nB\nc\n' } })],
      lines: ['changed: [localhost]', '--- before: /etc/motd', '+++ after: /etc/motd', '@@ -1,3 +1,3 @@', ' a', '-b', '+B', ' c'],
    },
    {
      name: 'a partial recap (SIGINT) prints whatever hosts it has, sorted',
      events: [
        {
          event: 'recap',
          hosts: {
            web2: { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 },
            a: { ok: 0, changed: 0, unreachable: 1, failed: 0, skipped: 0, rescued: 0, ignored: 0 },
          },
        },
      ],
      lines: [
        stars('PLAY RECAP'),
        'a                          : ok=0    changed=0    unreachable=1    failed=0    skipped=0    rescued=0    ignored=0   ',
        'web2                       : ok=1    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0   ',
        '',
      ],
    },
  ];

  it.each(lineCases)('$name', ({ events, verbosity, lines }) => {
    const { out } = run(events, { verbosity: verbosity ?? 0 });
    const got = out.split('\n');
    // each expected line appears, in order
    let at = 0;
    for (const line of lines) {
      const found = got.indexOf(line, at);
      expect(found, `missing line ${JSON.stringify(line)} in:\n${out}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('writes warnings to stderr and nothing to stdout for them', () => {
    const { out, err } = run([{ event: 'warning', msg: 'deprecated thing' }]);
    expect(out).toBe('');
    expect(err).toBe('[WARNING]: deprecated thing\n');
  });

  it("prints a serial play's banner again for each batch, and Gathering Facts' ok alone even with -v", () => {
    const play: RunEvent = { event: 'play_start', play: 'Demo play', hosts: ['localhost'] };
    const gathered = res('Gathering Facts', { status: 'ok', verboseNever: true });
    const { out } = run([play, task('Gathering Facts'), gathered, { ...play, again: true }, task('Gathering Facts'), gathered], { verbosity: 1 });
    expect(out.split('\n').filter((l) => l !== '')).toEqual([stars('PLAY [Demo play]'), stars('TASK [Gathering Facts]'), 'ok: [localhost]', stars('PLAY [Demo play]'), stars('TASK [Gathering Facts]'), 'ok: [localhost]']);
  });

  it("says `skipping: no hosts matched` under the banner of a play that matched no host, not of one whose hosts failed", () => {
    const { out } = run([
      { event: 'play_start', play: 'none', hosts: [], noHostsMatched: true },
      { event: 'play_start', play: 'failed before', hosts: [] },
    ]);
    expect(out).toBe(`\n${stars('PLAY [none]')}\nskipping: no hosts matched\n\n${stars('PLAY [failed before]')}\n`);
    expect(run([{ event: 'play_start', play: 'none', hosts: [], noHostsMatched: true }], { color: true }).out).toContain('\u001b[0;36mskipping: no hosts matched\u001b[0m');
  });

  it('reprints a task banner when a result of another task arrives (free strategy)', () => {
    const { out } = run([task('A'), task('B'), res('A', { status: 'ok' })]);
    expect(out.split('\n').filter((l) => l.startsWith('TASK ['))).toEqual([stars('TASK [A]'), stars('TASK [B]'), stars('TASK [A]')]);
  });

  it('paints as Ansible does when color is on', () => {
    const { out } = run(
      [
        task('t'),
        res('t', { status: 'ok' }),
        res('t', { status: 'changed' }),
        res('t', { status: 'skipped' }),
        res('t', { status: 'failed', msg: 'x' }),
        {
          event: 'recap',
          hosts: { h1: { ok: 2, changed: 1, unreachable: 0, failed: 1, skipped: 0, rescued: 0, ignored: 0 } },
        },
      ],
      { color: true },
    );
    expect(out).toContain('\u001b[0;32mok: [localhost]\u001b[0m\n');
    expect(out).toContain('\u001b[0;33mchanged: [localhost]\u001b[0m\n');
    expect(out).toContain('\u001b[0;36mskipping: [localhost]\u001b[0m\n');
    expect(out).toContain('\u001b[0;31mfatal: [localhost]: FAILED! => {"changed": false, "msg": "x"}\u001b[0m\n');
    expect(out).toContain(
      `\u001b[0;31mh1\u001b[0m${' '.repeat(24)} : \u001b[0;32mok=2   \u001b[0m \u001b[0;33mchanged=1   \u001b[0m unreachable=0    ` +
        `\u001b[0;31mfailed=1   \u001b[0m skipped=0    rescued=0    ignored=0   \n`,
    );
  });
});
