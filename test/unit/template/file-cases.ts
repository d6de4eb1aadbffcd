// Template-file cases as data (the template module and lookup: trim_blocks, a search path, Jinja2's own string
// escapes), shared by import.test.ts and the differential test against Ansible's template action
// (test/compat/template/template-files-differential.test.ts). Outputs as Ansible 2.14 (Jinja2 3.1) renders them.

/** The files on the search path, by name. */
export const files: Readonly<Record<string, string>> = {
  'macros.j2': [
    "{% set greeting = 'hello ' ~ (who | default('nobody')) %}",
    '{% set _hidden = 1 %}',
    '{% macro hi(x) -%}',
    "{{ greeting }} {{ x }} who={{ who | default('undef') }}",
    '{%- endmacro %}',
    '{% macro wrap(x, open="[", close="]") %}{{ open }}{{ x }}{{ close }}{% endmacro %}',
    "{% macro env() %}{{ lookup('env', 'KPLAY_IMPORT_PROBE') }}{% endmacro %}",
    '{% macro section(name) %}[{{ name }}]{{ caller() }}[/{{ name }}]{% endmacro %}',
    "{% if true %}{% set in_if = 'I' %}{% endif %}",
    "{% for i in [1] %}{% set in_for = 'F' %}{% endfor %}",
    'printed by macros.j2',
    '',
  ].join('\n'),
  'sub/uses.j2': "{% from 'macros.j2' import wrap %}{% macro twice(x) %}{{ wrap(x) }}{{ wrap(x) }}{% endmacro %}",
  'cycle.j2': "{% import 'cycle.j2' as me %}",
};

export const vars = { who: 'caller', items: ['a', 'b'] };

/** Templates that render, and what to. */
export const renders: readonly (readonly [string, string])[] = [
  // import: without context (Jinja2's default, kept by Ansible) the imported template sees no variable of the caller
  ["{% import 'macros.j2' as m %}{{ m.hi(1) }}|{{ m.greeting }}", 'hello nobody 1 who=undef|hello nobody'],
  ["{% import 'macros.j2' as m without context %}{{ m.hi(1) }}", 'hello nobody 1 who=undef'],
  ["{% import 'macros.j2' as m with context %}{{ m.hi(1) }}|{{ m.greeting }}", 'hello caller 1 who=caller|hello caller'],
  // with context it sees the caller's own locals too: a set before the import, the loop variable
  ["{% set who = 'local' %}{% import 'macros.j2' as m with context %}{{ m.hi(2) }}", 'hello local 2 who=local'],
  ["{% for who in items %}{% import 'macros.j2' as m with context %}{{ m.hi(loop.index) }};{% endfor %}", 'hello a 1 who=a;hello b 2 who=b;'],
  // a set after a without-context import changes nothing in it
  ["{% import 'macros.j2' as m %}{% set who = 'late' %}{{ m.hi(3) }}", 'hello nobody 3 who=undef'],
  // macro arguments: positional, keyword, defaults
  ["{% import 'macros.j2' as m %}{{ m.wrap('x') }}{{ m.wrap('y', close='>') }}{{ m.wrap('z', '(', ')') }}", '[x][y>(z)'],
  // exports: a set inside an if at the top level is one, a set inside a for is not, nor a name beginning with _
  ["{% import 'macros.j2' as m %}{{ m.in_if }}{{ m.in_for | default('-') }}{{ m._hidden | default('-') }}", 'I--'],
  ["{% import 'macros.j2' as m %}{{ m is defined }} {{ m.hi is defined }} {{ m.nothing is defined }}", 'True True False'],
  // the module's text is what the imported template printed
  ["{% import 'macros.j2' as m %}<{{ m }}>", '<printed by macros.j2>'],
  // globals stay: lookup in a macro imported without context
  ["{% import 'macros.j2' as m %}{{ m.env() }}", 'probe'],
  // from-import: names, aliases, context
  ["{% from 'macros.j2' import hi %}{{ hi(4) }}", 'hello nobody 4 who=undef'],
  ["{% from 'macros.j2' import hi as h, wrap as w, greeting %}{{ h(5) }} {{ w(greeting) }}", 'hello nobody 5 who=undef [hello nobody]'],
  ["{% from 'macros.j2' import hi with context %}{{ hi(6) }}", 'hello caller 6 who=caller'],
  ["{% from 'macros.j2' import hi, wrap without context %}{{ wrap(hi(7)) }}", '[hello nobody 7 who=undef]'],
  // a name the template does not export is an error only where it is used
  ["{% from 'macros.j2' import nope %}fine", 'fine'],
  // a file in a subdirectory, importing in turn; the name computed at run time; trim_blocks after the tag
  ["{% import 'sub/uses.j2' as u %}{{ u.twice('q') }}", '[q][q]'],
  ["{% set f = 'macros' %}{% import f ~ '.j2' as m %}{{ m.wrap(1) }}", '[1]'],
  ["{% import 'macros.j2' as m %}\nA\n{% from 'macros.j2' import wrap %}\nB {{ wrap(2) }}\n", 'A\nB [2]\n'],
  // call blocks: the body is the macro's caller(), rendered where it stands; an imported macro too
  ["{% macro box(t) %}<{{ t }}:{{ caller() }}>{% endmacro %}{% call box('t') %}body {{ who }}{% endcall %}", '<t:body caller>'],
  ["{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(item, b='!') each(items) %}[{{ item }}{{ b }}]{% endcall %}", '[a!][b!]'],
  ["{% import 'macros.j2' as m %}{% call m.section('s') %}in {{ who }}{% endcall %}", '[s]in caller[/s]'],
  ["{% from 'macros.j2' import section %}{% for i in [1, 2] %}{% call section(i) %}{{ i * 10 }}{% endcall %}{% endfor %}", '[1]10[/1][2]20[/2]'],
  // string escapes in a template file are Python's, as Jinja2 decodes them (no doubling: Ansible's
  // _escape_backslashes is for templates in YAML)
  ['{{ "\\"$user\\"" }}', '"$user"'],
  ["{{ '\\'' }}", "'"],
  ["{{ 'it\\'s' ~ \"\\\"\" }}", 'it\'s"'],
  ['{{ "\\\\n" }}', '\\n'],
  ['{{ "a\\nb\\tc" }}', 'a\nb\tc'],
  ['{{ "\\d+" }}', '\\d+'],
  ['{{ "\\101\\x42\\u0043\\7" }}', 'ABC\u0007'],
  ['{{ "\\a" == "\\x07" }} {{ "\\U0001F600" }}', 'True \u{1F600}'],
  ['{{ "a\\\nb" }}', 'ab'],
  ['{% set q = "say \\"hi\\"" %}{{ q }} {{ q | length }}', 'say "hi" 8'],
  ['{% if "\\"" == \'"\' %}quote{% endif %}', 'quote'],
];

/** Templates both refuse: kplay's message, and words of Ansible's. */
export const fails: readonly (readonly [string, RegExp, string])[] = [
  ["{% import 'gone.j2' as m %}", /:1: \{% import %\}: template 'gone\.j2' not found \(searched: /, 'TemplateNotFound: gone.j2'],
  ["x\n{% from 'gone.j2' import a %}", /:2: \{% from %\}: template 'gone\.j2' not found/, 'TemplateNotFound: gone.j2'],
  ["{% from 'macros.j2' import nope %}{{ nope }}", /'nope' is undefined: the template 'macros\.j2' \(imported on line 1\) does not export the requested name 'nope'/, "does not export the requested name 'nope'"],
  ["{% import 'macros.j2' as m %}{{ m.nope }}", /'m\.nope' is undefined: m is TemplateModule, which has no attribute "nope"/, "has no attribute 'nope'"],
  ["{% from 'macros.j2' import _hidden %}", /names starting with an underline can not be imported/, 'names starting with an underline can not be imported'],
  ["{% from 'macros.j2' import hi, %}", /expected token 'name', got 'end of statement block'/, "expected token 'name', got 'end of statement block'"],
  ["{% import 'macros.j2' %}", /expected token 'as', got 'end of statement block'/, "expected token 'as', got 'end of statement block'"],
  ["{% from 'macros.j2' %}", /expected token 'import', got 'end of statement block'/, "expected token 'import', got 'end of statement block'"],
  ["{% import 'cycle.j2' as c %}", /nested more than 40 deep \(an include cycle\?\)/, 'RecursionError'],
];
