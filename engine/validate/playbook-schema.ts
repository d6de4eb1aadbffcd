// The playbook's JSON Schema (draft 2020-12), written with typebox: ajv checks keyword types with it, and it is
// shipped as schemas/playbook.schema.json for editors. `title` says what a value must be, in words for messages.
import { Type, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { LOOKUP_NAMES } from '../template/lookup-names.js';

/** Every keyword is optional unless listed in `required`. */
function keywords(props: TProperties, options: { additionalProperties: boolean; title: string }, required: readonly string[] = []): TObject {
  const optional: TProperties = {};
  for (const [k, v] of Object.entries(props)) optional[k] = required.includes(k) ? v : Type.Optional(v);
  return Type.Object(optional, options);
}

/** The play keyword `order`'s values (Ansible's). */
/**
 * The strategy plugins ansible-core ships, each as the strategy kplay runs: debug is linear with Ansible's task
 * debugger (kplay has none), host_pinned is free with each host kept on one worker (kplay's hosts never move).
 */
export const STRATEGIES: Readonly<Record<string, 'linear' | 'free'>> = Object.fromEntries(
  Object.entries({ linear: 'linear', free: 'free', debug: 'linear', host_pinned: 'free' } as const).flatMap(([name, runs]) => [name, `ansible.builtin.${name}`, `ansible.legacy.${name}`].map((n) => [n, runs])),
);

export const HOST_ORDERS = ['inventory', 'reverse_inventory', 'sorted', 'reverse_sorted', 'shuffle'] as const;

const BOOLISH = '^(?:[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[yYnN]|1|0)$';

// kplay reads these keywords before the run, so they cannot be templates (Ansible would render them per host)
const bool = (description: string): TSchema =>
  Type.Union([Type.Boolean(), Type.String({ pattern: BOOLISH })], { title: 'a boolean (true/false, yes/no; not a template)', description });
// these keywords may also be templates: the runner renders them per host, as Ansible does
const TEMPLATE = Type.String({ pattern: '\\{\\{' });
const boolT = (description: string): TSchema =>
  Type.Union([Type.Boolean(), Type.String({ pattern: BOOLISH }), TEMPLATE], { title: 'a boolean (true/false, yes/no) or a template', description });
const intT = (description: string): TSchema =>
  Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]+$' }), TEMPLATE], { title: 'a whole number or a template', description });
/** retries and delay: Ansible takes a negative one too (retries: a single try; delay: 1 second) */
const signedIntT = (description: string): TSchema =>
  Type.Union([Type.Integer(), Type.String({ pattern: '^-?[0-9]+$' }), TEMPLATE], { title: 'a whole number or a template', description });
const str = (description: string): TSchema => Type.String({ title: 'a string', description });
const int = (description: string): TSchema =>
  Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]+$' })], { title: 'a whole number (not a template)', description });
const vars = (description: string): TSchema => Type.Record(Type.String(), Type.Unknown(), { title: 'a mapping of variable names to values', description });
/** vars: a mapping, or (as Ansible still reads it) a list of mappings merged in order */
const varsOrList = (description: string): TSchema =>
  Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Array(Type.Record(Type.String(), Type.Unknown()))], { title: 'a mapping of variable names to values', description });
const strList = (description: string): TSchema =>
  Type.Union([Type.String(), Type.Number(), Type.Array(Type.Union([Type.String(), Type.Number()]))], {
    title: 'a string or a list of strings',
    description,
  });
const condition = (description: string): TSchema =>
  Type.Union([Type.String(), Type.Boolean(), Type.Number(), Type.Array(Type.Union([Type.String(), Type.Boolean(), Type.Number()]))], {
    title: 'a condition (an expression, a boolean, or a list of them)',
    description,
  });
const taskRef = Type.Unsafe<Record<string, unknown>>({ $ref: '#/$defs/task_entry' });
const taskList = (description: string): TSchema => Type.Array(taskRef, { title: 'a list of tasks', description });

/** Which schema a task entry follows is decided by its marker key (if/then keeps ajv's errors to that one). */
const taskEntry = {
  type: 'object',
  title: 'a task (a mapping)',
  if: { required: ['block'] },
  then: { $ref: '#/$defs/block' },
  else: {
    if: { anyOf: [{ required: ['include_tasks'] }, { required: ['ansible.builtin.include_tasks'] }] },
    then: { $ref: '#/$defs/include_tasks' },
    else: {
      if: { anyOf: [{ required: ['import_tasks'] }, { required: ['ansible.builtin.import_tasks'] }] },
      then: { $ref: '#/$defs/import_tasks' },
      else: {
        if: { anyOf: [{ required: ['include_role'] }, { required: ['ansible.builtin.include_role'] }] },
        then: { $ref: '#/$defs/include_role' },
        else: {
          if: { anyOf: [{ required: ['import_role'] }, { required: ['ansible.builtin.import_role'] }] },
          then: { $ref: '#/$defs/import_role' },
          else: { $ref: '#/$defs/task' },
        },
      },
    },
  },
} as const;

/** Keywords shared by tasks, blocks and includes (Ansible's names). */
const common = {
  name: str('shown when the task runs'),
  when: condition('run only when every condition holds'),
  tags: strList('select or skip with --tags / --skip-tags'),
  vars: varsOrList('variables for this task (or every task of the block)'),
  become: boolT('run as another user (sudo)'),
  become_user: str('the user to become (default root)'),
  become_method: Type.Literal('sudo', { title: '"sudo" (the only method kplay has)', description: 'how to become another user' }),
  ignore_errors: boolT('a failure does not stop the host'),
  ignore_unreachable: boolT('an unreachable host is not stopped (its result counts as ok and ignored)'),
  no_log: boolT('hide arguments and results (secrets)'),
  check_mode: boolT('true: always predict only; false: run for real even under --check'),
  diff: boolT('true: show what changed (as --diff); false: never show it'),
  run_once: boolT('run on the first host of the batch only'),
  timeout: intT('seconds before the task is failed'),
  throttle: intT('at most this many hosts run the task at once'),
  remote_user: str('the SSH user, where the host\'s variables name none'),
  port: Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String({ pattern: '^[0-9]+$' })], {
    title: 'a port number (1-65535; not a template)',
    description: "the SSH port, where the host's variables name none (ansible_port ranks above it; it ranks above -o Port and ~/.ssh/config)",
  }),
  connection: Type.Union([Type.Literal('ssh'), Type.Literal('local')], {
    title: 'ssh or local (the connections kplay has)',
    description: 'how to reach hosts whose variables do not say (ansible_connection)',
  }),
  environment: Type.Union(
    [
      Type.Record(Type.String(), Type.Unknown()),
      Type.String({ pattern: '\\{\\{' }),
      Type.Array(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String({ pattern: '\\{\\{' })])),
    ],
    { title: 'a mapping of variable names to values (or a template giving one, or a list of them)', description: 'environment variables for the commands' },
  ),
  any_errors_fatal: boolT('a failure on one host stops the play for all (a template counts as true, as in Ansible; its value is only checked)'),
};

/** Delegation, for tasks, blocks and import_tasks (an include_tasks would not pass it to its tasks). */
const delegation = {
  delegate_to: str('run on this host instead (a template): the result stays the current host\'s'),
  delegate_facts: boolT('with delegate_to: facts the task sets go to the delegated host'),
};

export const loopControlSchema = keywords(
  {
    loop_var: str('the loop variable (default item)'),
    label: Type.Unknown({ description: 'what to show for each item (a template)' }),
    index_var: str('a variable holding the 0-based index'),
    pause: Type.Union([Type.Number({ minimum: 0 }), Type.String({ pattern: '^\\s*[0-9.]+([eE][-+]?[0-9]+)?\\s*$' }), TEMPLATE], { title: 'a number of seconds or a template', description: 'seconds between items' }),
    extended: bool('give each item ansible_loop: index, index0, revindex, revindex0, first, last, length, previtem, nextitem, allitems'),
    extended_allitems: bool('with extended: include ansible_loop.allitems (default true)'),
  },
  { additionalProperties: false, title: 'a mapping (loop_var, label, index_var, pause, extended, extended_allitems)' },
);

/** with_X for each lookup X: its terms (a list, a template, a mapping for with_dict, key=value text for with_sequence) */
const withKeywords: TProperties = Object.fromEntries(
  LOOKUP_NAMES.map((n) => [`with_${n}`, Type.Unknown({ description: n === 'items' ? 'run once per item (flattened one level)' : `run once per item of the ${n} lookup over these terms` })]),
);

const loopKeywords = {
  loop: Type.Union([Type.Array(Type.Unknown()), Type.String()], { title: 'a list or a template', description: 'run once per item' }),
  ...withKeywords,
  loop_control: loopControlSchema,
};

/** A task: these keywords plus exactly one module (any other key). */
export const taskKeywordsSchema = keywords(
  {
    ...common,
    ...delegation,
    action: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], {
      title: 'a module and its arguments ("command echo hi" or {module: command, ...})',
      description: 'the module to run and its arguments, instead of a module key',
    }),
    local_action: Type.Union([Type.String(), Type.Record(Type.String(), Type.Unknown())], {
      title: 'a module and its arguments ("command echo hi" or {module: command, ...})',
      description: 'run this module on the machine kplay runs on (delegate_to: localhost)',
    }),
    args: vars('extra module arguments, merged with the module key'),
    ...loopKeywords,
    register: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', title: 'a variable name', description: 'store the result in this variable' }),
    notify: strList('handlers to run at the end of the play when this task changed something'),
    listen: strList('(handlers) topics this handler also answers to'),
    changed_when: condition('when the task counts as changed'),
    failed_when: condition('when the task counts as failed'),
    until: condition('retry until this holds'),
    retries: signedIntT('how many times to retry (with until)'),
    delay: signedIntT('seconds between retries'),
    async: intT('run for at most this many seconds (0: no limit, the default); with poll: 0 the task returns at once'),
    poll: intT('with async: seconds between status checks (default 15); 0 leaves the job running (command, shell) for async_status'),
  },
  { additionalProperties: true, title: 'a task' },
);

export const blockSchema = keywords(
  {
    ...common,
    ...delegation,
    notify: strList('handlers each task of the block notifies when it changed something (unless it names its own)'),
    block: taskList('the tasks of the block'),
    rescue: taskList('run when a task of the block failed'),
    always: taskList('run after the block, failed or not'),
  },
  { additionalProperties: false, title: 'a block' },
);

const includeFile = Type.Union([Type.String(), Type.Object({ file: Type.String() }, { additionalProperties: false })], {
  title: 'a file name (or {file: NAME})',
  description: 'a task file, relative to the including file',
});

const applyKeywords = Type.Record(Type.String(), Type.Unknown(), { title: 'a mapping of task keywords', description: 'keywords for every task included (tags, when, ...)' });
const includeTasksFile = Type.Union([Type.String(), Type.Null(), Type.Object({ file: Type.Optional(Type.String()), apply: Type.Optional(applyKeywords) }, { additionalProperties: false })], {
  title: 'a file name (or {file: NAME, apply: KEYWORDS})',
  description: 'a task file, relative to the including file',
});
const includeArgs = (description: string): TSchema => Type.Record(Type.String(), Type.Unknown(), { title: 'a mapping of the include\'s options', description });

export const includeSchema = keywords(
  {
    ...common,
    ...loopKeywords,
    include_tasks: includeTasksFile,
    'ansible.builtin.include_tasks': includeTasksFile,
    args: includeArgs('the include\'s options (file, apply), as beside include_tasks'),
  },
  { additionalProperties: false, title: 'an include_tasks' },
);

/**
 * Task keywords Ansible takes on import_tasks / import_role and then ignores: they are not inherited by the imported
 * tasks (its NonInheritableFieldAttribute). kplay takes them too, with a warning for each.
 */
const ignoredOnImport = Object.fromEntries(
  ['register', 'changed_when', 'failed_when', 'until', 'retries', 'delay', 'async', 'poll'].map((k) => [k, Type.Unknown({ description: 'ignored on an import, as Ansible ignores it: write it on the imported tasks' })]),
);

const importNotify = strList('handlers each imported task notifies when it changed something (unless it names its own)');

export const importSchema = keywords(
  { ...common, ...delegation, ...ignoredOnImport, notify: importNotify, import_tasks: includeFile, 'ansible.builtin.import_tasks': includeFile },
  { additionalProperties: false, title: 'an import_tasks' },
);

const roleFile = (what: string): TSchema => Type.String({ title: 'a file name', description: `${what} (in the role's directory of that name; default main)` });
const roleOptions = {
  name: str('the role, from roles/ beside the playbook'),
  role: str('the role (same as name)'),
  tasks_from: roleFile('the tasks file'),
  vars_from: roleFile('the vars file'),
  defaults_from: roleFile('the defaults file'),
  handlers_from: roleFile('the handlers file'),
  rolespec_validate: bool("check the role's arguments against its meta/argument_specs first (default true)"),
};
const roleArgs = (options: TProperties): TSchema =>
  Type.Union([Type.String(), Type.Object(options, { additionalProperties: true })], {
    title: 'name=ROLE ... text or a mapping of options (name, tasks_from, ...)',
    description: 'the role and which of its files to use',
  });
const includeRoleArgs = roleArgs({
  ...Object.fromEntries(Object.entries(roleOptions).map(([k, v]) => [k, Type.Optional(v)])),
  public: Type.Optional(bool("keep the role's defaults and vars visible to the rest of the play (default false)")),
  apply: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { title: 'a mapping of task keywords', description: 'keywords for every task of the role (tags, when, ...)' })),
});
const importRoleArgs = roleArgs(Object.fromEntries(Object.entries(roleOptions).map(([k, v]) => [k, Type.Optional(v)])));

export const includeRoleSchema = keywords(
  { ...common, ...loopKeywords, include_role: includeRoleArgs, 'ansible.builtin.include_role': includeRoleArgs, args: includeArgs('the include\'s options (name, apply, ...), as under include_role') },
  { additionalProperties: false, title: 'an include_role' },
);

export const importRoleSchema = keywords(
  { ...common, ...ignoredOnImport, notify: importNotify, import_role: importRoleArgs, 'ansible.builtin.import_role': importRoleArgs },
  { additionalProperties: false, title: 'an import_role' },
);

const roleRef = Type.Union(
  [
    Type.String(),
    keywords(
      { role: Type.String(), name: Type.String(), tags: strList('tags for every task of the role'), when: condition('apply the role only when'), vars: vars('role parameters') },
      { additionalProperties: true, title: 'a role entry' },
    ),
  ],
  { title: 'a role name or {role: NAME, ...}' },
);

export const varsPromptSchema = keywords(
  {
    name: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$', title: 'a variable name', description: 'the variable the answer goes to' }),
    prompt: str('the question (default: the name)'),
    default: Type.Unknown({ description: 'the value for an empty answer, or when there is no terminal to ask on' }),
    private: bool('typed without echo (default true)'),
    confirm: bool('ask twice, until both answers match'),
    unsafe: bool('never render the answer as a template'),
    encrypt: str('hash the answer with this crypt scheme: md5_crypt, sha256_crypt or sha512_crypt'),
    salt: str('the salt of the hash (default: a random one)'),
    salt_size: int('the size of the random salt (default: the scheme\'s, 8 or 16)'),
  },
  { additionalProperties: false, title: 'a prompt (name, prompt, default, private, confirm, unsafe)' },
  ['name'],
);

export const playSchema = keywords(
  {
    name: str('shown when the play starts'),
    hosts: Type.Union([Type.String(), Type.Array(Type.String())], { title: 'a host pattern (string) or a list of patterns', description: 'which inventory hosts' }),
    vars: varsOrList('play variables'),
    vars_prompt: Type.Array(varsPromptSchema, { title: 'a list of prompts', description: 'variables asked for when the play starts (unless given with -e)' }),
    vars_files: Type.Array(Type.Union([Type.String(), Type.Array(Type.String())]), { title: 'a list of file names', description: 'YAML files of variables, relative to the playbook' }),
    gather_facts: boolT('gather facts first (default true; a template is rendered as the play starts)'),
    gather_subset: strList('which facts the implicit gathering collects (setup\'s gather_subset: all, min, network, !hardware, ...)'),
    gather_timeout: int('seconds the implicit gathering may take'),
    fact_path: str('where local facts (*.fact) are read on the hosts (default /etc/ansible/facts.d)'),
    become: common.become,
    become_user: common.become_user,
    become_method: common.become_method,
    remote_user: common.remote_user,
    port: common.port,
    connection: common.connection,
    serial: Type.Union([Type.Integer({ minimum: 0 }), Type.String(), Type.Array(Type.Union([Type.Integer({ minimum: 0 }), Type.String()]))], {
      title: 'a number, a percentage ("30%") or a list of them',
      description: 'hosts per batch',
    }),
    strategy: Type.Union(
      Object.keys(STRATEGIES).map((s) => Type.Literal(s)),
      { title: 'linear, free, debug or host_pinned', description: 'linear: hosts move task by task together; free: each at its own pace' },
    ),
    order: Type.Union(
      HOST_ORDERS.map((o) => Type.Literal(o)),
      { title: 'inventory, reverse_inventory, sorted, reverse_sorted or shuffle', description: 'the order the play takes its hosts in' },
    ),
    max_fail_percentage: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), TEMPLATE], {
      title: 'a percentage (0-100) or a template',
      description: 'abort the play above this share of failed hosts',
    }),
    any_errors_fatal: common.any_errors_fatal,
    ignore_errors: common.ignore_errors,
    ignore_unreachable: common.ignore_unreachable,
    no_log: common.no_log,
    check_mode: common.check_mode,
    diff: common.diff,
    run_once: common.run_once,
    timeout: common.timeout,
    environment: common.environment,
    throttle: common.throttle,
    force_handlers: bool('run notified handlers even on hosts that failed after (as --force-handlers)'),
    tags: strList('tags for every task of the play'),
    pre_tasks: taskList('run before roles and tasks'),
    roles: Type.Array(roleRef, { title: 'a list of roles', description: 'roles from roles/ beside the playbook' }),
    tasks: taskList('the tasks'),
    post_tasks: taskList('run after tasks'),
    handlers: taskList('run at the end of the play when notified'),
    collections: Type.Array(Type.String(), { title: 'a list of collection names', description: 'collections searched, in order, for roles named by a short name' }),
  },
  { additionalProperties: false, title: 'a play' },
  ['hosts'],
);

export const importPlaybookSchema = keywords(
  {
    import_playbook: Type.String({ title: 'a file name', description: 'a playbook, relative to this one' }),
    'ansible.builtin.import_playbook': Type.String({ title: 'a file name' }),
    name: str('a label'),
    vars: vars('variables for every play imported'),
    tags: strList('tags for every play imported'),
  },
  // one of the two names is there: playbook_entry picks this schema only then
  { additionalProperties: false, title: 'an import_playbook' },
  [],
);

/** The whole file, for editors (yaml-language-server: `# yaml-language-server: $schema=...`). */
export const playbookSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://kplay.dev/schemas/playbook.schema.json',
  title: 'kplay / Ansible playbook',
  type: 'array',
  items: { $ref: '#/$defs/playbook_entry' },
  $defs: {
    playbook_entry: {
      type: 'object',
      title: 'a play (a mapping)',
      if: { anyOf: [{ required: ['import_playbook'] }, { required: ['ansible.builtin.import_playbook'] }] },
      then: { $ref: '#/$defs/import_playbook' },
      else: { $ref: '#/$defs/play' },
    },
    task_file: { type: 'array', title: 'a list of tasks', items: { $ref: '#/$defs/task_entry' } },
    task_entry: taskEntry,
    play: playSchema,
    import_playbook: importPlaybookSchema,
    task: taskKeywordsSchema,
    block: blockSchema,
    include_tasks: includeSchema,
    import_tasks: importSchema,
    include_role: includeRoleSchema,
    import_role: importRoleSchema,
  },
} as const;

/**
 * The same definitions for a file of tasks (a role's tasks/main.yml, an included file): a list of tasks, so an
 * editor does not ask a role's task file for `hosts`.
 */
export const tasksSchema = {
  $schema: playbookSchema.$schema,
  $id: 'https://kplay.dev/schemas/tasks.schema.json',
  title: 'kplay / Ansible task file (roles/*/tasks, handlers, included files)',
  type: 'array',
  items: { $ref: '#/$defs/task_entry' },
  $defs: playbookSchema.$defs,
};
