// The runner against ansible-playbook 2.14, feature by feature: same PLAY RECAP, exit code and (task, host, status) lines.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { describe, it, type ExpectStatic } from 'vitest';
import { ROOT, type CliResult } from '../../lab/support/cli.js';
import { runTool as runProgram } from '../support/tool-run.js';

const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'runner');
const INVENTORY = join(FIXTURES, 'inventory.ini');
const KPLAY = resolve(ROOT, 'bin', 'kplay.js');

/** How the per-task lines are compared: in play/task order (linear), as one set (free), or not at all. */
type LineMode = 'sections' | 'set';

interface Case {
  readonly playbook: string;
  /** an inventory of test/fixtures/runner instead of inventory.ini */
  readonly inventory?: string;
  readonly args?: readonly string[];
  /** environment variables for both tools */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Both tools must refuse the run before touching any host, saying `says`: no host line, no recap. The exit codes
   * differ on purpose: kplay's is 5 (invalid input); Ansible's is 1 for an error while loading the playbook, 4 for
   * one once the play has started (it reads group_vars then).
   */
  readonly refused?: { readonly says: string; readonly ansibleExit: number };
  /** Both tools stop the run with this error (exit 1, no recap) after the same task lines. */
  readonly stopped?: { readonly says: string };
  readonly lines?: LineMode;
  /** standard input (--step's answers) */
  readonly input?: string;
  /** Extra checks on both outputs (directory names already replaced by DIR). */
  readonly also?: (ansible: Run, kplay: Run, expect: ExpectStatic) => void;
}

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly recap: Record<string, Record<string, number>>;
  readonly sections: readonly Section[];
}

interface Section {
  readonly header: string;
  readonly lines: readonly string[];
}

const SECRET = 's3cr3t-Value';

const diffLines = (r: Run): string[] =>
  r.out.split('\n').filter((l) => /^[-+][^-+]/.test(l) || l === '+' || l === '-');

/** --step's questions, as printed (each also comes back as a banner: `prompt ****`). */
const stepPrompts = (r: Run): string[] => r.out.split('\n').filter((l) => l.startsWith('Perform task: '));
const samePrompts = (a: Run, k: Run, expect: ExpectStatic): void => {
  expect(stepPrompts(a).length, 'ansible asked').toBeGreaterThan(0);
  expect(stepPrompts(k)).toEqual(stepPrompts(a));
};

/**
 * The messages of failed argument validations, each as printed. Python lists the valid booleans in the order of a
 * set, which changes from run to run: that list is left out.
 */
const validationMessages = (r: Run): string[] =>
  [...r.out.matchAll(/"msg": "(Validation of arguments failed:[^"]*)"/g)].map((m) => (m[1] ?? '').replace(/Valid booleans include: [^\\]*/, 'Valid booleans include: ...')).sort();
const sameValidationMessages = (a: Run, k: Run, expect: ExpectStatic): void => {
  expect(validationMessages(a).length, 'ansible failed validations').toBe(3);
  expect(validationMessages(k)).toEqual(validationMessages(a));
};

/** The errors lookups_ini_csv.yml provokes: each tool's failure names Ansible's message. */
const LOOKUP_ERRORS = [
  "No section 'nosuch' in lookup_files/settings.ini",
  'x colour is not a valid option.',
  "Duplicate option in 'lookup_files/dup.ini': While reading from '<???>' [line  3]: option 'a' in section 's' already exists",
  'csvfile: list index out of range',
  'colour is not a valid option',
  'Search key is required but was not found',
];
const sameLookupErrors = (a: Run, k: Run, expect: ExpectStatic): void => {
  for (const says of LOOKUP_ERRORS) for (const [tool, r] of [['ansible', a], ['kplay', k]] as const) expect(r.out, `${tool} says ${says}`).toContain(says);
};

/** The errors keyword_templates_more.yml provokes: a templated keyword's bad value, in Ansible's words. */
const KEYWORD_ERRORS = [
  "the field 'async_val' has an invalid value ({{ 'soon' }}), and could not be converted to an int.The error was: invalid literal for int() with base 10: 'soon'",
  "the field 'any_errors_fatal' has an invalid value ({{ 'maybe' }}), and could not be converted to an bool.The error was: The value 'maybe' is not a valid boolean.",
];
const sameKeywordErrors = (a: Run, k: Run, expect: ExpectStatic): void => {
  for (const says of KEYWORD_ERRORS) for (const [tool, r] of [['ansible', a], ['kplay', k]] as const) expect(r.out, `${tool} says ${says}`).toContain(says);
};

/** Both name the missing role as Ansible does, with the directories searched (the playbook's roles/ first). */
const sameRoleNotFound = (a: Run, k: Run, expect: ExpectStatic): void => {
  const says = `the role 'not_installed_role' was not found in ${FIXTURES}/roles:`;
  for (const [tool, r] of [['ansible', a], ['kplay', k]] as const) expect(r.out, `${tool} says ${says}`).toContain(says);
};

/** The list result_msg.yml prints last: each module's result msg as a later task reads it. */
const resultMessages = (r: Run): string[] => {
  const at = r.out.indexOf('TASK [every msg, in order]');
  return r.out.slice(at).split('\n').slice(2, 43);
};
const sameResultMessages = (a: Run, k: Run, expect: ExpectStatic): void => {
  expect(resultMessages(a).filter((l) => l.includes('<none>')).length, 'ansible printed').toBeGreaterThan(20);
  expect(resultMessages(k)).toEqual(resultMessages(a));
};

/** What assemble.yml's last debug prints (the task lines compare it; this says it is what assemble should make). */
const assembly = (r: Run): string => {
  const at = r.out.indexOf('TASK [what assemble did]');
  return r.out.slice(at, r.out.indexOf('\n}', at));
};
const sameAssembly = (a: Run, k: Run, expect: ExpectStatic): void => {
  expect(assembly(a), 'ansible printed').toContain('alpha\\n### part\\tA\\nbeta');
  expect(assembly(k)).toBe(assembly(a));
};

/**
 * The TASK and RUNNING HANDLER banners in order (the sections drop a banner no host line follows), each skip line
 * as printed (with -v, a meta task's reason) and -vv's META lines: a meta task's banners, one for each host or one,
 * and what it says, as Ansible's. Ansible says its warning once.
 */
const metaLines = (r: Run): string[] => r.out.split('\n').filter((l) => /^(TASK \[|RUNNING HANDLER \[|skipping: |META: )/.test(l));
const sameMetaLines = (a: Run, k: Run, expect: ExpectStatic): void => {
  expect(metaLines(a).filter((b) => b.startsWith('TASK [meta]')).length, 'ansible printed').toBe(6);
  expect(metaLines(k)).toEqual(metaLines(a));
  const warning = 'noop task does not support when conditional';
  for (const [tool, r] of [['ansible', a], ['kplay', k]] as const) expect(`${r.out}${r.err}`.split(warning).length - 1, `${tool} warns once`).toBe(1);
};

/**
 * The PLAY, TASK and RUNNING HANDLER banners in order, the sections' headers as printed (a PLAY banner for each serial
 * batch, meta tasks' too), and the Gathering Facts lines as printed (with -v, `ok: [h1]` alone). The warning once.
 */
const bannerLines = (r: Run): string[] => r.out.split('\n').filter((l) => /^(PLAY|TASK|RUNNING HANDLER) \[/.test(l));
const gatherLines = (r: Run): string[] => {
  const lines = r.out.split('\n');
  return lines.filter((l, i) => /^\w+: \[/.test(l) && lines.slice(0, i).findLast((b) => /^(PLAY|TASK|RUNNING HANDLER) \[/.test(b))?.startsWith('TASK [Gathering Facts]')).sort();
};
const sameBanners = (a: Run, k: Run, expect: ExpectStatic): void => {
  expect(bannerLines(a).filter((b) => b.startsWith('PLAY [serial')).length, 'ansible printed').toBe(5);
  expect(bannerLines(k)).toEqual(bannerLines(a));
  expect(gatherLines(a).length, 'ansible gathered').toBe(3);
  expect(gatherLines(k)).toEqual(gatherLines(a));
  const warning = 'noop task does not support when conditional';
  for (const [tool, r] of [['ansible', a], ['kplay', k]] as const) expect(`${r.out}${r.err}`.split(warning).length - 1, `${tool} warns once`).toBe(1);
};

/**
 * registered_results.yml with -v: each one-line result (`changed: [h1] => {...}`) under its task, for the tasks whose
 * whole result both tools show the same (the clock's values and the temp file copy and template staged the text in
 * masked), and what the debug tasks print (the keys and msg of each registered result, the values of copy's,
 * template's and file's). stat's results (inode and times), assert's (Ansible shows it indented) and the check-mode
 * tasks' (kplay marks a prediction) are left out: their keys and values are compared through the debug tasks.
 */
const SHOWN_TASKS = ['command', 'shell', 'raw', 'script', 'set_fact', 'fail', 'lineinfile', 'blockinfile', 'replace', 'pam_limits', 'copy', 'template', 'file'];
const masked = (line: string): string =>
  line.replace(/"(start|end|delta)": "[^"]*"/g, '"$1": "T"').replace(/"src": "[^"]*(?:ansible-tmp-|\.kplay-)[^"]*"/g, '"src": "TMP"');
const shownResults = (r: Run): string[] => {
  const out: string[] = [];
  let task = '';
  for (const line of r.out.split('\n')) {
    const head = /^TASK \[(.*)\] \*+$/.exec(line);
    if (head) task = head[1] ?? '';
    else if (SHOWN_TASKS.includes(task) && /^\w+: \[h1\].* => \{.*\}$/.test(line)) out.push(`${task} | ${masked(line)}`);
  }
  return out;
};
const printedMsgs = (r: Run): string[] => r.out.split('\n').filter((l) => /^ {4}"msg": "r_\w+: /.test(l) || /^ {8}"\w+",?$/.test(l));
const sameRegisteredResults = (a: Run, k: Run, expect: ExpectStatic): void => {
  expect(shownResults(a).length, 'ansible showed the results').toBe(31);
  expect(shownResults(k)).toEqual(shownResults(a));
  expect(printedMsgs(a).length, 'ansible printed the keys and msgs').toBeGreaterThan(40);
  expect(printedMsgs(k)).toEqual(printedMsgs(a));
};

/**
 * The PLAY banners in order, each `skipping: no hosts matched` under its play, and the warnings on stderr as printed:
 * one for each pattern the inventory does not know, said once in the run.
 */
const noHostsLines = (r: Run): string[] => r.out.split('\n').filter((l) => l.startsWith('PLAY [') || l === 'skipping: no hosts matched');
const warningLines = (r: Run): string[] => r.err.split('\n').filter((l) => l.startsWith('[WARNING]: '));
const sameNoHosts = (a: Run, k: Run, expect: ExpectStatic): void => {
  expect(noHostsLines(a).filter((l) => l.startsWith('skipping')).length, 'ansible skipped plays').toBeGreaterThan(4);
  expect(noHostsLines(k)).toEqual(noHostsLines(a));
  expect(warningLines(a).length, 'ansible warned').toBeGreaterThan(2);
  expect(warningLines(k)).toEqual(warningLines(a));
};

/** A task's time in kplay's timings after the PLAY RECAP (`name ----- 0.61s`). */
const taskSeconds = (r: Run, task: string): number => {
  const line = r.out.split('\n').find((l) => l.startsWith(`${task} -`));
  return Number(/(\d+\.\d+)s$/.exec(line ?? '')?.[1] ?? NaN);
};

const cases: Readonly<Record<string, Case>> = {
  when: { playbook: 'when.yml' },
  // collection roles: kp.demo in collections/ beside the playbook, kp.extra in ANSIBLE_COLLECTIONS_PATH
  'roles from collections, by full name, and a sibling dependency by its short name': {
    playbook: 'collection_roles.yml',
    env: { ANSIBLE_COLLECTIONS_PATH: join(FIXTURES, 'collection_root') },
  },
  'a collection is the first root that holds it: a role of it in a later root is not found': {
    playbook: 'collection_role_elsewhere.yml',
    env: { ANSIBLE_COLLECTIONS_PATH: join(FIXTURES, 'collection_root') },
    refused: { says: 'kp.demo.only_there', ansibleExit: 1 },
  },
  "import_playbook of a collection's playbook by its full name: its roles by their short names": {
    playbook: 'collection_playbook.yml',
    env: { ANSIBLE_COLLECTIONS_PATH: join(FIXTURES, 'collection_root') },
  },
  loop: {
    playbook: 'loop.yml',
    // kplay's timings of its slowest tasks (after the recap): loop_control.pause waits 0.3 s between the three items
    also: (_a, k, expect) => {
      expect(taskSeconds(k, 'loop_var renamed, a pause between items'), 'listed among the slowest, 0.6 s or more').toBeGreaterThanOrEqual(0.6);
      expect(taskSeconds(k, 'a templated pause, rendered per host'), 'h1 waits 0.2 s').toBeGreaterThanOrEqual(0.2);
      expect(k.out).toContain("the field 'pause' has an invalid value ({{ 'soon' }}), and could not be converted to an float.The error was: could not convert string to float: 'soon'");
    },
  },
  'register + changed_when/failed_when': { playbook: 'register.yml' },
  'a role runs once per host and identity in a play (shared dependencies, allow_duplicates)': { playbook: 'roles_once.yml' },
  "a role's defaults/main/ and vars/ directories, and vars_from naming one": { playbook: 'role_vars_dirs.yml' },
  'include_role and include_tasks inside a role: their banners': { playbook: 'include_in_role.yml' },
  ignore_errors: { playbook: 'ignore_errors.yml' },
  'retries/until/delay 0': { playbook: 'retries.yml' },
  'block/rescue/always': { playbook: 'block.yml' },
  handlers: { playbook: 'handlers.yml' },
  'meta tasks: a banner for each host or one, skip lines, when on the first host, end_play leaves the handlers': {
    playbook: 'meta_headers.yml',
    also: sameMetaLines,
  },
  'meta tasks with -vv: their skip reasons and META lines': { playbook: 'meta_headers.yml', args: ['-vv'], also: sameMetaLines },
  'handlers: a failed host skips its handlers': { playbook: 'handlers_force.yml' },
  'handlers: --force-handlers': { playbook: 'handlers_force.yml', args: ['--force-handlers'] },
  'tags: none given': { playbook: 'tags.yml' },
  'tags: -t a': { playbook: 'tags.yml', args: ['-t', 'a'] },
  'tags: -t c (block inheritance)': { playbook: 'tags.yml', args: ['-t', 'c'] },
  'tags: -t never': { playbook: 'tags.yml', args: ['-t', 'never'] },
  'tags: -t roletag (role inheritance)': { playbook: 'tags.yml', args: ['-t', 'roletag'] },
  'tags: -t d (inside the role)': { playbook: 'tags.yml', args: ['-t', 'd'] },
  'tags: -t playtag (play inheritance)': { playbook: 'tags.yml', args: ['-t', 'playtag'] },
  'tags: --skip-tags always': { playbook: 'tags.yml', args: ['--skip-tags', 'always'] },
  'tags: --skip-tags b': { playbook: 'tags.yml', args: ['--skip-tags', 'b'] },
  'tags: -t a --skip-tags b': { playbook: 'tags.yml', args: ['-t', 'a', '--skip-tags', 'b'] },
  'limit: h1': { playbook: 'limit.yml', args: ['-l', 'h1'] },
  'limit: web:!h2': { playbook: 'limit.yml', args: ['-l', 'web:!h2'] },
  'limit: h5,h1': { playbook: 'limit.yml', args: ['-l', 'h5,h1'] },
  'limit: h*:!h3': { playbook: 'limit.yml', args: ['-l', 'h*:!h3'] },
  'limit: ~h[45]': { playbook: 'limit.yml', args: ['-l', '~h[45]'] },
  'limit: web[1:]': { playbook: 'limit.yml', args: ['-l', 'web[1:]'] },
  'limit: all:&db': { playbook: 'limit.yml', args: ['-l', 'all:&db'] },
  '--start-at-task task three': { playbook: 'start_at.yml', args: ['--start-at-task', 'task three'] },
  '--start-at-task in a later play': { playbook: 'start_at.yml', args: ['--start-at-task', 'task five'] },
  run_once: { playbook: 'run_once.yml' },
  'add_host and group_by': { playbook: 'dynamic_inventory.yml' },
  'serial: number, percentage, list': { playbook: 'serial.yml' },
  'serial: a whole batch fails': { playbook: 'serial_batch_fails.yml' },
  'serial: the PLAY banner for each batch, facts gathered per batch, a warning once': { playbook: 'serial_banners.yml', also: sameBanners },
  'serial with -v: the banners, Gathering Facts without its result': { playbook: 'serial_banners.yml', args: ['-v'], also: sameBanners },
  max_fail_percentage: { playbook: 'max_fail.yml' },
  'max_fail_percentage with serial': { playbook: 'max_fail_serial.yml' },
  any_errors_fatal: { playbook: 'any_errors_fatal.yml' },
  'strategy free': { playbook: 'free.yml', lines: 'set' },
  'gather_facts as a template, rendered as the play starts': { playbook: 'gather_templated.yml' },
  'strategy debug, host_pinned and a full name: linear, free, linear': { playbook: 'strategy_plugins.yml', lines: 'set' },
  'order: reverse_inventory, reverse_sorted with serial': { playbook: 'order.yml' },
  'throttle on a task and a block': { playbook: 'throttle.yml' },
  'connection, remote_user and port keywords under the hosts\' variables': { playbook: 'connection_keywords.yml' },
  '-c local, under ansible_connection and the connection keyword': { playbook: 'connection_flag.yml', inventory: 'connection_flag.ini', args: ['-c', 'local'] },
  'without -c: ssh': { playbook: 'connection_flag.yml', inventory: 'connection_flag.ini' },
  'connection variables in play, block and task vars and set_fact, templated': { playbook: 'connection_vars.yml' },
  'ansible_connection named where no variable sets it': { playbook: 'connection_name.yml' },
  'task names rendered with the first host\'s variables': { playbook: 'task_names.yml' },
  'host text never rendered, the same text in the playbook rendered': { playbook: 'unsafe_text.yml' },
  // Ansible: "no hosts to target" (exit 1); kplay names the limit (exit 5)
  '--check: a skipped command registers Ansible\'s result': { playbook: 'check_register.yml', args: ['-C'] },
  '--limit that matches no host': { playbook: 'when.yml', args: ['-l', 'nosuch'], refused: { says: 'nosuch', ansibleExit: 1 } },
  'plays whose pattern matches no host: skipping: no hosts matched, a warning once per unknown pattern': {
    playbook: 'no_hosts.yml',
    inventory: 'no_hosts.ini',
    also: sameNoHosts,
  },
  'plays that --limit leaves without hosts, a part of the limit unknown: warned once, first': {
    playbook: 'no_hosts.yml',
    inventory: 'no_hosts.ini',
    args: ['-l', 'h1,nosuch4'],
    also: sameNoHosts,
  },
  '--flush-cache (no fact cache to clear: accepted, the same run)': { playbook: 'when.yml', args: ['--flush-cache'] },
  // role task, declined, meta (not asked), notifying, unnamed, skipped by when, an include and its task, handler; c
  '--step: the answers decide which tasks run': { playbook: 'step.yml', args: ['--step'], input: 'y\nn\nn\nyes\nY\nn\ny\ny\nn\ny\ny\nc\n', also: samePrompts },
  '--step: c at once': { playbook: 'step.yml', args: ['--step'], input: 'c\n', also: samePrompts },
  // Ansible's run ends, as failed, when no answer is left
  '--step: the answers run out': { playbook: 'step.yml', args: ['--step'], input: 'y\ny\nn\n', also: samePrompts },
  // each serial batch asks anew after a c; n declines a task for the whole batch
  '--step with serial: c holds for one batch': { playbook: 'serial.yml', args: ['--step'], input: 'c\nn\nc\ny\nn\nc\ny\ny\ny\ny\ny\ny\ny\ny\n', also: samePrompts },
  '--step with strategy free: asked per host': {
    playbook: 'free.yml',
    args: ['--step'],
    input: 'y\n'.repeat(20),
    lines: 'set',
    // each host goes at its own pace: the same questions, not in the same order
    also: (a, k, expect) => expect(stepPrompts(k).sort()).toEqual(stepPrompts(a).sort()),
  },
  'set_fact across plays': { playbook: 'set_fact_plays.yml' },
  "a template's number is its text, unless it names a number variable": { playbook: 'template_numbers.yml' },
  'floats stay floats: YAML 1.0, /, float, round, arithmetic, set_fact, debug var, to_json, a module int': {
    playbook: 'template_floats.yml',
    // debug var prints a float with its .0 (the task lines compare only msg)
    also: (a, k, expect) => {
      const vars = (r: Run): string[] => r.out.split('\n').filter((l) => /^ {4}"(version|conf|whole|kept|listed)": /.test(l) || /^ {8}("weight"|\d)/.test(l));
      expect(vars(a).length, 'ansible printed the vars').toBeGreaterThan(4);
      expect(vars(k)).toEqual(vars(a));
    },
  },
  "merge keys give PyYAML's key order (merged first, then the mapping's own)": { playbook: 'yaml_merge_order.yml' },
  'failed hosts leave later plays': { playbook: 'failed_removed.yml' },
  'a refused parameter under a condition fails only the hosts where the task runs': { playbook: 'param_problems_guarded.yml' },
  'check mode: a normal run': { playbook: 'check.yml' },
  'check mode: -C': { playbook: 'check.yml', args: ['-C'] },
  // the host's clock: the values differ, their shapes, the keys and the None of commands that did not run do not
  'command and shell: start, end and delta': { playbook: 'command_times.yml' },
  'command of a missing program: the OSError result': { playbook: 'missing_program.yml' },
  "raw's result: no cmd, no msg": { playbook: 'raw_result.yml' },
  'registered results and -v: the module\'s keys and msg, nothing of kplay\'s own': { playbook: 'registered_results.yml', args: ['-v'], also: sameRegisteredResults },
  'command and shell whose chdir cannot be entered: the OSError result': { playbook: 'chdir_missing.yml' },
  'become_user written as a template: per host and loop item': { playbook: 'become_user_template.yml' },
  'the local connection runs commands in the playbook directory': { playbook: 'local_cwd.yml' },
  'package_facts reads apt where rpm has no Python bindings, as Ansible': { playbook: 'package_facts_manager.yml' },
  '--diff on copy': {
    playbook: 'diff.yml',
    args: ['--diff'],
    also: (a, k, expect) => expect(diffLines(k)).toEqual(diffLines(a)),
  },
  '--diff with -C': {
    playbook: 'diff.yml',
    args: ['-C', '--diff'],
    also: (a, k, expect) => expect(diffLines(k)).toEqual(diffLines(a)),
  },
  'template: ansible_managed, comment, ansible.builtin. and ansible.utils filters render the same file': {
    playbook: 'template_filters.yml',
    args: ['--diff'],
    also: (a, k, expect) => expect(diffLines(k)).toEqual(diffLines(a)),
  },
  '{% raw %} blocks in variables and template files, key=value keys as parse_kv splits them': {
    playbook: 'raw_and_free_form.yml',
    args: ['--diff'],
    also: (a, k, expect) => expect(diffLines(k)).toEqual(diffLines(a)),
  },
  'run_once and timeout on a play, a dependency beside its role, ansible.builtin.import_playbook': { playbook: 'play_keywords_fqcn.yml' },
  'import_tasks named by a template over play vars and role defaults': { playbook: 'import_templated.yml' },
  'import_tasks named by a template, an extra var choosing the file': { playbook: 'import_templated.yml', args: ['-e', 'flavor=beta'] },
  'play and block keywords reach their tasks': { playbook: 'inherited.yml' },
  'diff, check_mode and force_handlers as keywords': {
    playbook: 'diff_keyword.yml',
    also: (a, k, expect) => expect(diffLines(k)).toEqual(diffLines(a)),
  },
  'diff keyword false under --diff': {
    playbook: 'diff_keyword.yml',
    args: ['--diff'],
    also: (a, k, expect) => expect(diffLines(k)).toEqual(diffLines(a)),
  },
  no_log: {
    playbook: 'no_log.yml',
    also: (a, k, expect) => {
      expect(a.out).not.toContain(SECRET);
      expect(k.out).not.toContain(SECRET);
    },
  },
  // each with_X is lookup X over its terms; lookups in templates (vars, env, pipe, files, ...) give the same values
  // compared as one set: an include_tasks that includes another file on each host runs those files in the order
  // Ansible's workers return them, which varies from run to run under load (seen in a fresh-clone CI run)
  'keywords written as templates, rendered per host': {
    playbook: 'keyword_templates.yml',
    also: (a, k, expect) => {
      for (const r of [a, k]) expect(r.out).not.toContain('secret h1');
      for (const r of [a, k]) expect(r.out).toContain('secret h3');
    },
  },
  'modules kplay does not have, under a false when; ansible.legacy names': { playbook: 'missing_modules.yml' },
  'notify: role : name, listen topics; an unknown handler stops the run only when a changed task notifies it': {
    playbook: 'handlers_notify.yml',
    stopped: { says: "The requested handler 'no such handler' was not found in either the main handlers list nor in the listening handlers list" },
  },
  'include_role of roles not present, skipped by when': { playbook: 'include_role_missing.yml' },
  'import_role of a role not present, in a file include_tasks brings in on one host': { playbook: 'import_role_missing.yml', also: sameRoleNotFound },
  'include_tasks apply: (its mapping, args:), include_role options under args:': { playbook: 'include_apply.yml' },
  'handlers in a block: each task a handler, under the block\'s when and vars': { playbook: 'handlers_block.yml' },
  'notify on a block: its tasks notify its handlers unless they name their own': { playbook: 'handlers_block_notify.yml' },
  'a handler block with rescue and always (neither runs, even when a block task fails)': { playbook: 'handlers_block_rescue.yml' },
  'handlers that are include_tasks': { playbook: 'handlers_include.yml' },
  'notify and handler names as templates: rendered per host and item; a rendered name no handler has stops the run': {
    playbook: 'handlers_templated.yml',
    stopped: { says: "The requested handler 'restart h2' was not found in either the main handlers list nor in the listening handlers list" },
  },
  'the deprecated task-level include: static with k=v vars, dynamic in a loop': { playbook: 'legacy_include.yml' },
  'vars as a list of mappings, merged in order': { playbook: 'vars_list.yml' },
  'environment as a template, and as a list merged in order': { playbook: 'environment_template.yml' },
  'keywords written as templates: -C': { playbook: 'keyword_templates.yml', args: ['-C'] },
  'throttle, async, poll, serial and max_fail_percentage written as templates': { playbook: 'keyword_templates_more.yml', also: sameKeywordErrors },
  'any_errors_fatal written as a template that renders false': { playbook: 'keyword_templates_fatal.yml' },
  'a throttle template that gives no number stops the run': { playbook: 'keyword_templates_stop.yml', stopped: { says: 'Failed to convert the throttle value to an integer.' } },
  'with_ loops and lookups': { playbook: 'lookups.yml', env: { KPLAY_LOOKUP_VALUE: 'seen' }, lines: 'set' },
  // Python's inline flags in module parameters, filters and tests: the file left and the values printed
  'regex inline flags (?i) (?m) (?s)': {
    playbook: 'regex_flags.yml',
    also: (a, k, expect) => {
      const printed = (r: Run) => r.out.slice(r.out.indexOf('TASK [the file]'), r.out.indexOf('PLAY RECAP'));
      expect(printed(a), 'ansible printed').toContain('net/ipv4/conf/all/log_martians=1\\nother=2\\n[Section]\\nafter=1');
      expect(printed(k)).toBe(printed(a));
    },
  },
  // ini and csvfile lookups: the values, and Ansible's messages for their errors
  'ini and csvfile lookups': { playbook: 'lookups_ini_csv.yml', also: sameLookupErrors },
  'include_tasks / import_tasks': { playbook: 'include.yml' },
  'include_tasks with a loop': { playbook: 'include_loop.yml' },
  'include_tasks vars rank above set_fact': { playbook: 'include_precedence.yml' },
  'include_tasks tags: none given': { playbook: 'include_tags.yml' },
  'include_tasks tags: -t inc (the include only)': { playbook: 'include_tags.yml', args: ['-t', 'inc'] },
  'include_tasks tags: --skip-tags inc': { playbook: 'include_tags.yml', args: ['--skip-tags', 'inc'] },
  import_role: { playbook: 'import_role.yml' },
  'import_role: -t other': { playbook: 'import_role.yml', args: ['-t', 'other'] },
  'import_role: --skip-tags fails': { playbook: 'import_role.yml', args: ['--skip-tags', 'fails'] },
  include_role: { playbook: 'include_role.yml' },
  'include_role: -t applied (tags of the include, and apply)': { playbook: 'include_role.yml', args: ['-t', 'applied'] },
  'role argument specs: the validation task first, its messages': { playbook: 'argument_specs.yml', also: sameValidationMessages },
  'role argument specs under -t: the validation task is tagged always': { playbook: 'argument_specs.yml', args: ['-t', 'nothing'] },
  'the msg of results that succeeded, module by module': { playbook: 'result_msg.yml', also: sameResultMessages },
  'assemble: fragments, delimiter, hidden, regexp, attributes, check mode, failures': { playbook: 'assemble.yml', also: sameAssembly },
  'keywords on a role entry (become, ignore_errors) apply to its tasks; other keys are its parameters': { playbook: 'role_keywords.yml', lines: 'set' },
  include_vars: { playbook: 'include_vars.yml' },
  "the play's collections: list finds roles by their short names": {
    playbook: 'collection_short_roles.yml',
    env: { ANSIBLE_COLLECTIONS_PATH: join(FIXTURES, 'collection_root') },
  },
  'include_vars: -C': { playbook: 'include_vars.yml', args: ['-C'] },
  'include_vars dir': { playbook: 'include_vars_dir.yml' },
  'vars precedence': { playbook: 'vars.yml', args: ['-e', 'extra=from_e', '-e', 'size=9'] },
  // group_vars/ and host_vars/ beside the playbook, each just above the inventory's of the same kind
  'group_vars and host_vars beside the playbook': {
    playbook: '../playbook-vars/site.yml',
    inventory: '../playbook-vars/inventory/hosts.ini',
    also: (a, k, expect) => {
      const values = (r: Run) => r.out.split('\n').filter((l) => l.includes('"msg": "')).sort();
      expect(values(a)).toHaveLength(3);
      expect(values(k)).toEqual(values(a));
    },
  },
  'magic variables': { playbook: 'magic.yml' },
  'facts: gather_subset, when on OS facts, setup subset and filter': { playbook: 'facts.yml' },
  'magic variables: -C --diff': { playbook: 'magic.yml', args: ['-C', '--diff'] },
  'delegate_to, local_action, delegate_facts': { playbook: 'delegate.yml' },
  'action: free form, mapping, args, handlers': { playbook: 'action.yml' },
  'vars_prompt without a terminal': { playbook: 'vars_prompt.yml' },
  'vars_prompt: -e skips a prompt': { playbook: 'vars_prompt.yml', args: ['-e', 'given=from_e'] },
  'vars_prompt: encrypt hashes the answer (md5, sha256, sha512 crypt; salt, salt_size)': { playbook: 'vars_prompt_encrypt.yml' },
  'vars_files named through host variables and facts, per host': { playbook: 'vars_files_per_host.yml' },
  'a list or mapping in a string parameter becomes its Python text': { playbook: 'string_params.yml' },
  "a role's parameters reach its handlers": { playbook: 'role_params_handlers.yml' },
  'role params rank above set_fact and task vars': { playbook: 'role_params_precedence.yml' },
  'vars_files: no file for a host stops the run': { playbook: 'vars_files_missing.yml', stopped: { says: 'vars file vars/none-{{ inventory_hostname }}.yml was not found' } },
  'an unreachable delegate': { playbook: 'delegate_unreachable.yml', inventory: 'delegate_unreachable.ini' },
  ignore_unreachable: { playbook: 'ignore_unreachable.yml', inventory: 'delegate_unreachable.ini' },
  'async / poll, async_status': {
    playbook: 'async.yml',
    // async: 1 on a `sleep 3`: the task fails at the limit, not when the command ends
    also: (_a, k, expect) => {
      const s = taskSeconds(k, 'runs out of time');
      expect(s, 'failed at the 1 s limit').toBeGreaterThanOrEqual(0.9);
      expect(s, 'failed at the 1 s limit').toBeLessThan(2.5);
    },
  },
  'async / poll, async_status: -C': { playbook: 'async.yml', args: ['-C'] },
  'poll: 0 on modules other than command and shell, followed with async_status': { playbook: 'async_poll0_modules.yml' },
  'vault: vars_files, !vault values, group_vars, include_vars, copy': {
    playbook: 'vault.yml',
    inventory: 'vault_inventory/hosts.ini',
    args: ['--vault-id', `prod@${join(FIXTURES, 'vault', 'prod-password')}`, '--vault-password-file', join(FIXTURES, 'vault', 'password')],
  },
  'vault: the passwords from $ANSIBLE_VAULT_PASSWORD_FILE and a script': {
    playbook: 'vault.yml',
    inventory: 'vault_inventory/hosts.ini',
    args: ['--vault-id', `prod@${join(FIXTURES, 'vault', 'prod-password.sh')}`],
    env: { ANSIBLE_VAULT_PASSWORD_FILE: join(FIXTURES, 'vault', 'password') },
  },
  // hosts, groups and variables named __proto__, constructor, toString...: the failed host __proto__ makes it exit 2
  'names are data': { playbook: 'names.yml', inventory: 'names.ini', args: ['-e', 'isPrototypeOf=ev1', '-e', '{"__defineGetter__": 3}'] },
  'vault: a wrong password': {
    playbook: 'vault_wrong.yml',
    inventory: 'vault_inventory/hosts.ini',
    args: ['--vault-password-file', join(FIXTURES, 'vault', 'wrong-password')],
    refused: { says: 'Decryption failed (no vault secrets were found that could decrypt)', ansibleExit: 1 },
  },
  'vault: no password for the group_vars of vault id prod': {
    playbook: 'vault.yml',
    inventory: 'vault_inventory/hosts.ini',
    args: ['--vault-password-file', join(FIXTURES, 'vault', 'password')],
    refused: { says: 'Decryption failed (no vault secrets were found that could decrypt)', ansibleExit: 4 },
  },
};

// Ansible gets a private home, temp dirs and an empty config, so nothing of the machine's setup leaks in.
const base = mkdtempSync(join(tmpdir(), 'kplay-runner-diff-'));
for (const d of ['home', 'local', 'remote', 'async']) mkdirSync(join(base, d));
writeFileSync(join(base, 'ansible.cfg'), '');
const ANSIBLE_ENV: NodeJS.ProcessEnv = {
  ANSIBLE_CONFIG: join(base, 'ansible.cfg'),
  ANSIBLE_HOME: join(base, 'home'),
  ANSIBLE_LOCAL_TEMP: join(base, 'local'),
  ANSIBLE_REMOTE_TEMP: join(base, 'remote'),
  // Ansible leaves the results file of a job that ran out of time (poll > 0): keep it out of ~/.ansible_async
  ANSIBLE_ASYNC_DIR: join(base, 'async'),
  ANSIBLE_NOCOLOR: '1',
  ANSIBLE_RETRY_FILES_ENABLED: '0',
  ANSIBLE_STDOUT_CALLBACK: 'default',
  ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3',
  ANSIBLE_DEPRECATION_WARNINGS: '0',
};

// Two programs at a time: the machine has two cores shared by the team.
const limit = pLimit(2);

async function runTool(tool: 'ansible' | 'kplay', c: Case): Promise<Run> {
  const dir = mkdtempSync(join(base, `${tool}-`));
  const args = ['-i', c.inventory === undefined ? INVENTORY : join(FIXTURES, c.inventory), '-e', `dir=${dir}`, ...(c.args ?? []), join(FIXTURES, c.playbook)];
  const argv = tool === 'ansible' ? ['ansible-playbook', ...args] : ['node', KPLAY, 'run', ...args];
  const r: CliResult = await limit(() => runProgram(argv, { ...(tool === 'ansible' ? ANSIBLE_ENV : {}), ...c.env }, 90_000, c.input));
  const out = r.stdout.split(dir).join('DIR');
  return { code: r.code, out, err: r.stderr, recap: parseRecapCounts(out), sections: parseSections(out) };
}

/** PLAY RECAP lines as counts per host (only lines that carry counts: kplay prints task timings after). */
export function parseRecapCounts(text: string): Record<string, Record<string, number>> {
  // no prototype: a host may be called __proto__
  const out = Object.create(null) as Record<string, Record<string, number>>;
  const at = text.lastIndexOf('PLAY RECAP');
  if (at < 0) return out;
  for (const line of text.slice(at).split('\n')) {
    const m = /^(\S+)\s+:\s+(ok=\d+.*)$/.exec(line.trim());
    if (!m) continue;
    const counts: Record<string, number> = {};
    for (const x of (m[2] ?? '').matchAll(/(\w+)=(\d+)/g)) counts[x[1] ?? ''] = Number(x[2]);
    out[m[1] ?? ''] = counts;
  }
  return out;
}

const STATUSES = new Set(['ok', 'changed', 'skipping', 'fatal', 'failed', 'unreachable']);

/**
 * The human output as headers (PLAY / TASK / HANDLER) with their host lines, each line
 * "host [-> delegate] status [item] [msg]", sorted within a header since hosts finish in any order.
 * The `msg` of a debug result is kept: it shows which variable values each tool saw.
 * Cosmetic differences are normalised away (each is listed in docs/runner.md):
 * - a header with no host line (meta tasks, Ansible's "NO MORE HOSTS LEFT") is dropped;
 * - `...ignoring` names no host, and Ansible prints it after a host's whole loop, so another host's
 *   lines may come between: it marks the latest failed line not yet marked.
 */
export function parseSections(text: string): Section[] {
  const sections: { header: string; lines: string[] }[] = [];
  let cur: { header: string; lines: string[] } | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('PLAY RECAP')) break;
    const head = /^(PLAY|TASK|RUNNING HANDLER) \[(.*)\] \*+$/.exec(line);
    if (head) {
      cur = { header: `${head[1] === 'RUNNING HANDLER' ? 'HANDLER' : head[1]} ${head[2]}`, lines: [] };
      sections.push(cur);
      continue;
    }
    if (!cur) continue;
    const inc = /^included: (.*) for (.*?)(?: => \(item=(.*)\))?$/.exec(line);
    if (inc) {
      const item = inc[3] === undefined ? '' : ` (item=${inc[3]})`;
      for (const h of (inc[2] ?? '').split(', ')) cur.lines.push(`${h} included ${inc[1]}${item}`);
      continue;
    }
    if (line === '...ignoring') {
      markIgnored(cur.lines);
      continue;
    }
    // the host keeps its delegate (`h1 -> h4`), so where a delegated task ran is compared too
    const st = /^(\w+): \[([^\]]+)\](.*)$/.exec(line);
    if (!st || !STATUSES.has(st[1] ?? '')) continue;
    const rest = (st[3] ?? '').trimEnd();
    let entry = `${st[2]} ${st[1] === 'fatal' ? 'failed' : st[1]}`;
    const item = /\(item=(.*?)\)(?: =>|$)/.exec(rest);
    if (item) entry += ` (item=${item[1]})`;
    if (rest.endsWith('=> {')) {
      const body: string[] = ['{'];
      while (i + 1 < lines.length && lines[i] !== '}') body.push(lines[++i] ?? '');
      const msg = debugMsg(body.join('\n'));
      if (msg !== undefined) entry += ` msg=${msg}`;
    }
    cur.lines.push(entry);
  }
  return sections
    .map((s) => ({ header: s.header, lines: s.lines.sort() }))
    .filter((s) => s.header.startsWith('PLAY ') || s.lines.length > 0);
}

/** Marks the latest failed (or unreachable) line of a section that is not yet marked as ignored. */
function markIgnored(lines: string[]): void {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (/^\S+(?: -> \S+)? (failed|unreachable)\b/.test(line) && !line.endsWith(' ...ignoring')) {
      lines[i] = `${line} ...ignoring`;
      return;
    }
  }
}

/** The message a debug task printed (in a loop, all it printed); not an assert's or a module's result, nor a no_log placeholder. */
function debugMsg(json: string): string | undefined {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    if ('changed' in v) return undefined;
    // debug in a loop: a var is shown beside the loop's variables, a msg alone (any other key is a difference)
    if ('ansible_loop_var' in v || ('msg' in v && Object.keys(v).length > 1)) return JSON.stringify(v);
    if (!('msg' in v)) return undefined;
    const msg = JSON.stringify(v.msg);
    return msg.includes("'no_log: true'") ? undefined : msg;
  } catch {
    return undefined;
  }
}

function flatten(sections: readonly Section[]): string[] {
  return sections.flatMap((s) => s.lines.map((l) => `${s.header} | ${l}`)).sort();
}

// Cases run concurrently (each starts its two programs when vitest reaches it; `limit` keeps two going at a time).
describe.concurrent('the runner behaves like ansible-playbook', () => {
  it('parses the output of both tools', ({ expect }) => {
    const text = [
      'PLAY [p] ****', '', 'TASK [t] ****', 'ok: [h1] => (item=a) => {', '    "msg": "x"', '}',
      'failed: [h2] (item=b) => {"rc": 1}', '...ignoring', 'skipping: [h1] => (item=2) ',
      'failed: [h3] (item=b) => {"rc": 1}', 'failed: [h4] (item=b) => {"rc": 1}', 'changed: [h5] (item=a)', '...ignoring', '...ignoring', 'skipping: [h1]', 'included: /x.yml for h3',
      'changed: [h6 -> h4(10.0.0.4)]', 'fatal: [h5 -> h4]: FAILED! => {"rc": 1}', '...ignoring',
      'included: /y.yml for h3, h4 => (item=z)',
      'TASK [meta] ****', 'PLAY [p] ****',
      'PLAY RECAP ****', 'h1   : ok=1    changed=0    unreachable=0    failed=0    skipped=0    rescued=0    ignored=0',
      'slow : task ----- 0.01s',
    ].join('\n');
    expect(parseSections(text)).toEqual([
      { header: 'PLAY p', lines: [] },
      { header: 'TASK t', lines: ['h1 ok (item=a) msg="x"', 'h1 skipping', 'h1 skipping (item=2)', 'h2 failed (item=b) ...ignoring',
        'h3 failed (item=b) ...ignoring', 'h3 included /x.yml', 'h3 included /y.yml (item=z)',
        'h4 failed (item=b) ...ignoring', 'h4 included /y.yml (item=z)', 'h5 -> h4 failed ...ignoring', 'h5 changed (item=a)', 'h6 -> h4(10.0.0.4) changed'] },
      // a serial play's banner for its next batch is a section of its own, as printed
      { header: 'PLAY p', lines: [] },
    ]);
    expect(parseRecapCounts(text)).toEqual({ h1: { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 } });
  });

  for (const [name, c] of Object.entries(cases)) {
    it(`${name} (${c.playbook} ${(c.args ?? []).join(' ')})`, async ({ expect }) => {
      const [a, k] = await Promise.all([runTool('ansible', c), runTool('kplay', c)]);
      if (c.refused !== undefined) {
        for (const [tool, r] of [['ansible', a], ['kplay', k]] as const) {
          expect(r.err, `${tool} says why`).toContain(c.refused.says);
          expect(r.code, `${tool} exit code`).toBe(tool === 'ansible' ? c.refused.ansibleExit : 5);
          expect(r.recap, `${tool} ran nothing`).toEqual({});
          expect(r.sections.flatMap((s) => s.lines), `${tool} touched no host`).toEqual([]);
        }
        return;
      }
      if (c.stopped !== undefined) {
        for (const [tool, r] of [['ansible', a], ['kplay', k]] as const) {
          expect(r.err, `${tool} says why`).toContain(c.stopped.says);
          expect(r.code, `${tool} exit code`).toBe(1);
          expect(r.recap, `${tool} stopped before the recap`).toEqual({});
        }
        expect(k.sections.flatMap((s) => s.lines).length, 'task lines before the stop').toBeGreaterThan(0);
        expect(k.sections).toEqual(a.sections);
        return;
      }
      expect(Object.keys(a.recap).length, `ansible ran nothing:\n${a.out}`).toBeGreaterThan(0);
      expect(k.recap, 'PLAY RECAP').toEqual(a.recap);
      expect(k.code, 'exit code').toBe(a.code);
      if ((c.lines ?? 'sections') === 'sections') expect(k.sections).toEqual(a.sections);
      else expect(flatten(k.sections)).toEqual(flatten(a.sections));
      c.also?.(a, k, expect);
    }, 180_000);
  }
});
