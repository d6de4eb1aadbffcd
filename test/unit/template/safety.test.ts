// Templates cannot reach JavaScript prototypes or run code, and data from hosts is never rendered again.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../engine/core/errors.js';
import { evaluate, evaluateCondition, isUnsafe, markUnsafe, render, renderTracked, unsafeValue, UnsafeText } from '../../../engine/template/index.js';

const where = { loc: { file: 'p.yml', line: 1, col: 1 }, task: 't' };

describe('prototype escapes', () => {
  const escapes = [
    "{{ ''.constructor.constructor('return process')() }}",
    "{{ ''['constructor']['constructor']('return process')() }}",
    '{{ x.constructor.constructor("return 1")() }}',
    '{{ x.__proto__.polluted }}',
    '{{ [].constructor }}',
    '{{ x.toString() }}',
    '{{ range.constructor("return process")() }}',
    '{{ lookup.call }}',
    "{{ x['__proto__'] }}",
    '{{ x.hasOwnProperty }}',
    '{{ (x | dict2items).constructor }}',
    '{{ {}.constructor }}',
    '{{ x.items.constructor }}',
    '{{ prototype }}',
  ];
  it.each(escapes)('%s reaches nothing', (template) => {
    let out: unknown;
    try {
      out = render(template, { x: { a: 1 } }, where);
    } catch (err) {
      // failing is fine (an undefined attribute); what matters is that nothing ran and nothing leaked
      expect(err).toBeInstanceOf(InputError);
      return;
    }
    expect(typeof out).not.toBe('function');
    expect(String(out)).not.toMatch(/process|native code|function/i);
  });

  it('`is defined` on prototype names is false', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(evaluate(`x.${name} is defined`, { x: {} }, where)).toBe(false);
      expect(evaluate(`${name} is defined`, {}, where)).toBe(false);
      expect(evaluate(`'' .${name} is defined`.replace(' .', '.'), {}, where)).toBe(false);
    }
  });

  it('a dict built by a template cannot set its prototype', () => {
    const out = render("{{ [{'key': '__proto__', 'value': {'polluted': 1}}] | items2dict }}", {}, where) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const combined = render("{{ {} | combine(evil) }}", { evil: JSON.parse('{"__proto__": {"polluted": 2}}') as unknown }, where);
    expect(Object.getPrototypeOf(combined)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('unsafe: data from a host is never rendered again', () => {
  const hostData = () => markUnsafe({ stdout: 'evil {{ lookup("env", "HOME") }}', lines: ['{{ secret }}'], rc: 0 });

  it('is returned literally when rendered directly or through attributes', () => {
    const result = hostData();
    const vars = { result, secret: 'S3CRET' };
    expect(render(result, vars, where)).toBe(result);
    expect(render('{{ result.stdout }}', vars, where)).toBe('evil {{ lookup("env", "HOME") }}');
    expect(render('{{ result.lines[0] }}', vars, where)).toBe('{{ secret }}');
    expect(render('got: {{ result.lines | first }}', vars, where)).toBe('got: {{ secret }}');
  });

  it('stays literal after being stored in another variable (set_fact) and read back', () => {
    const vars: Record<string, unknown> = { result: hostData(), secret: 'S3CRET' };
    // set_fact: copied = "{{ result.lines[0] }}", kept as the runner keeps a fact rendered from host data
    const stored = (template: string): unknown => {
      const r = renderTracked(template, vars, where);
      expect(r.tainted).toBe(true);
      return unsafeValue(r.value);
    };
    vars.copied = stored('{{ result.lines[0] }}');
    vars.wrapped = stored('x {{ result.lines[0] }}');
    vars.listcopy = stored('{{ result.lines }}');
    expect(render('{{ copied }}', vars, where)).toBe('{{ secret }}');
    expect(render('{{ wrapped }}', vars, where)).toBe('x {{ secret }}');
    expect(render('{{ listcopy[0] }}', vars, where)).toBe('{{ secret }}');
    expect(render('{{ {"a": copied} | combine({}) }}', vars, where)).toEqual({ a: '{{ secret }}' });
  });

  it('survives being copied by a template (combine, dict2items)', () => {
    const vars: Record<string, unknown> = { result: hostData(), secret: 'S3CRET' };
    vars.merged = render('{{ result | combine({"rc": 1}) }}', vars, where);
    expect(render('{{ merged.stdout }}', vars, where)).toBe('evil {{ lookup("env", "HOME") }}');
    vars.pairs = render('{{ result | dict2items }}', vars, where);
    expect(render('{{ pairs[0].value }}', vars, where)).toBe('evil {{ lookup("env", "HOME") }}');
  });

  it('is carried by the value, not by its text: the same text from the playbook renders (issue [9] (b))', () => {
    const vars: Record<string, unknown> = { result: hostData(), secret: 'S3CRET' };
    vars.copied = unsafeValue(render('{{ result.lines[0] }}', vars, where));
    expect(render('{{ copied }}', vars, where)).toBe('{{ secret }}');
    expect(render('{{ secret }}', vars, where)).toBe('S3CRET');
    expect(render('{{ indirect }}', { ...vars, indirect: '{{ secret }}' }, where)).toBe('S3CRET');
  });

  it('a boxed string inside a playbook list (!unsafe) comes out as its text, unrendered', () => {
    const vars = { cmds: [new UnsafeText('{{ secret }}'), '{{ secret }}'], secret: 'S3CRET' };
    expect(render('{{ cmds }}', vars, where)).toEqual(['{{ secret }}', 'S3CRET']);
    expect(render({ msg: new UnsafeText('{{ secret }}') }, vars, where)).toEqual({ msg: '{{ secret }}' });
  });

  it('while the same text written by the user is rendered', () => {
    expect(render('{{ secret2 }}', { secret2: 'S3CRET' }, where)).toBe('S3CRET');
    expect(render('{{ indirect }}', { indirect: '{{ secret2 }}', secret2: 'S3CRET' }, where)).toBe('S3CRET');
  });

  it('marks containers deeply', () => {
    const r = hostData();
    expect(isUnsafe(r)).toBe(true);
    expect(isUnsafe(r.lines)).toBe(true);
    expect(isUnsafe(new UnsafeText('{{ secret }}'))).toBe(true);
    expect(isUnsafe('{{ secret }}'), 'no string is unsafe by its text').toBe(false);
  });

  it('a condition built from host data is refused', () => {
    const vars = { result: markUnsafe({ stdout: 'true and lookup("env", "HOME")' }) };
    expect(() => evaluateCondition('{{ result.stdout }}', vars, where)).toThrow(/host data/);
  });
});

describe('secrets', () => {
  it('pass through a lone {{ }} untouched and print redacted in text', async () => {
    const { Secret } = await import('../../../engine/core/secret.js');
    const pw = new Secret('hunter2');
    const vars = { pw };
    expect(render('{{ pw }}', vars, where)).toBe(pw);
    expect(render({ password: pw }, vars, where)).toEqual({ password: pw });
    expect(render('pw={{ pw }}', vars, where)).toBe('pw=********');
    expect(() => render('{{ pw.reveal() }}', vars, where)).toThrow(InputError);
  });
});
