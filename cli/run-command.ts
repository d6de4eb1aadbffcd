// `kplay run`'s work once the command line is parsed: validate everything, then run the playbook with a reporter,
// honouring signals and exit codes. Loaded only when `run` is the command (start-up of other commands stays light).
import { InputError, InputErrors } from '../engine/core/errors.js';
import { createWriteStream, openSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { AdhocReporter, createReporter, detectOutputMode, escapeControls, JunitReporter, NdjsonReporter, TeeReporter } from '../engine/report/index.js';
import { bannerColumns } from '../engine/report/mode.js';
import { loadRun, startRun } from '../engine/run/playbook.js';
import type { KeeperSettings, RunOptions, StepAsk } from '../engine/run/options.js';
import { controlDir, startKeeper } from '../engine/transport/keeper/keeper-client.js';
import { parseExtraVars } from '../engine/vars/index.js';
import { settingValue } from '../engine/config/index.js';
import { config, configured, inventoryFromConfig } from './config.js';
import { EXIT } from './exit.js';
import { askRunPasswords } from './ask-run-passwords.js';
import { askVar } from './ask-var.js';
import { listPlaybook } from './run-list.js';
import { stepAsker } from './ask-step.js';
import { connectionSettings } from './run-connection-options.js';
import { ansibleOnlyProblems } from './run-ansible-only-options.js';
import type { RunFlags } from './run-options.js';
import { setupVault } from './vault-options.js';
import { runIdOf, sliceOf } from './run-slice-options.js';
import { recorderFor } from './run-store-options.js';
import { formatProblems, formatWarnings } from './validate.js';
import { YamlFiles } from '../engine/yaml/load.js';

/** A report file, opened (created, emptied) before the run: a path that cannot be written stops it before any host. */
function openOutput(flag: string, file: string): number {
  try {
    return openSync(file, 'w', 0o644);
  } catch (err) {
    throw new InputErrors([new InputError(`${flag} ${file}: cannot write it (${(err as NodeJS.ErrnoException).code ?? String(err)})`)]);
  }
}

/** The run's flags, with what ansible.cfg / ANSIBLE_* set where the command line said nothing. */
function withConfig(flags: RunFlags): RunFlags {
  const text = (v: number | undefined) => (v === undefined ? undefined : String(v));
  return {
    ...flags,
    inventory: inventoryFromConfig(flags.inventory),
    forks: flags.forks ?? text(configured<number>('DEFAULT_FORKS')),
    user: flags.user ?? configured<string>('DEFAULT_REMOTE_USER'),
    privateKey: flags.privateKey ?? configured<string>('DEFAULT_PRIVATE_KEY_FILE'),
    timeout: flags.timeout ?? text(configured<number>('DEFAULT_TIMEOUT')),
    connection: flags.connection ?? configured<string>('DEFAULT_TRANSPORT'),
    askPass: flags.askPass ?? configured<boolean>('DEFAULT_ASK_PASS'),
    become: flags.become ?? configured<boolean>('DEFAULT_BECOME'),
    becomeUser: flags.becomeUser ?? configured<string>('DEFAULT_BECOME_USER'),
    askBecomePass: flags.askBecomePass ?? configured<boolean>('DEFAULT_BECOME_ASK_PASS'),
  };
}

/** --persist N (or KPLAY_PERSIST): connections go through a keeper that holds them N seconds after the run. */
function keeperSettings(persist: string | undefined): KeeperSettings | undefined {
  if (persist === undefined || persist === '') return undefined;
  const seconds = Number(persist);
  if (!Number.isFinite(seconds) || seconds < 0) throw new InputErrors([new InputError(`--persist must be a number of seconds, got ${persist}`)]);
  if (seconds === 0) return undefined;
  const entry = process.argv[1] ?? '';
  return { dir: controlDir(), start: (socketPath) => startKeeper(entry, socketPath, seconds) };
}

/** How `kplay adhoc` prints (absent: a playbook run's output). */
export interface AdhocOutput {
  readonly oneLine: boolean;
  readonly textOutput: boolean;
}

export async function runCommand(playbook: string, given: RunFlags, adhoc?: AdhocOutput): Promise<number> {
  const flags = withConfig(given);
  const refused = ansibleOnlyProblems(flags);
  if (refused.length > 0) throw new InputErrors(refused);
  // --step asks on stdout, as Ansible; under --json stdout is for events only
  const stepper = flags.step === true ? stepAsker(process.stdin, flags.json === true ? process.stderr : process.stdout, bannerColumns(process.stdout)) : undefined;
  try {
    return await runWith(playbook, flags, stepper?.ask, adhoc);
  } finally {
    stepper?.close();
  }
}

async function runWith(playbook: string, flags: RunFlags, step: StepAsk | undefined, adhoc: AdhocOutput | undefined): Promise<number> {
  const forks = Number.parseInt(flags.forks ?? '50', 10);
  if (!Number.isInteger(forks) || forks < 1) throw new InputErrors([new InputError(`--forks must be a positive integer, got ${flags.forks}`)]);
  // as ansible-playbook: the SSH password (-k) is asked first, then become's (-K), then the vault passwords, then
  // anything is read; listing and --syntax-check log in nowhere, so they ask neither (Ansible skips them too)
  const logsIn = !(flags.listHosts || flags.listTasks || flags.listTags || flags.syntaxCheck);
  const passwords = logsIn ? await askRunPasswords(flags) : { ssh: undefined, become: undefined };
  const keyring = await setupVault(flags);
  const options: RunOptions = {
    playbook,
    inventorySources: flags.inventory,
    extraVars: parseExtraVars(flags.extraVars, keyring),
    files: new YamlFiles(keyring),
    limit: flags.limit,
    tags: flags.tags,
    skipTags: flags.skipTags,
    check: flags.check === true,
    diff: flags.diff === true,
    forks,
    verbosity: flags.verbose,
    user: flags.user,
    privateKey: flags.privateKey,
    connection: { ...connectionSettings(flags), password: passwords.ssh },
    startAtTask: flags.startAtTask,
    rolesPath: settingValue(config(), 'DEFAULT_ROLES_PATH') as readonly string[] | undefined,
    forceHandlers: flags.forceHandlers === true,
    become: {
      become: flags.become,
      becomeUser: flags.becomeUser,
      becomePassword: passwords.become,
    },
    step,
    keeper: keeperSettings(flags.persist ?? process.env.KPLAY_PERSIST),
    slice: sliceOf(flags, process.env),
    // vars_prompt asks only on a terminal; otherwise its defaults are used (Ansible's behaviour)
    askVar: process.stdin.isTTY ? (question) => askVar(question, process.stdin) : undefined,
  };
  let loaded;
  try {
    loaded = await loadRun(options);
  } catch (err) {
    // shown here, where the vault passwords are known: a problem in a vault file is shown in its plaintext (adhoc
    // names its own problems as -a's)
    if (!(err instanceof InputErrors) || adhoc !== undefined) throw err;
    process.stderr.write(formatProblems(err.problems, keyring));
    return EXIT.input;
  }
  // validate's warnings, once, before anything runs (as ansible-playbook prints its own warnings first)
  process.stderr.write(formatWarnings(loaded.warnings ?? [], keyring));
  if (flags.syntaxCheck) {
    process.stdout.write(escapeControls(`\nplaybook: ${playbook}\n`));
    return EXIT.ok;
  }
  if (flags.listHosts || flags.listTasks || flags.listTags) {
    const want = { hosts: flags.listHosts === true, tasks: flags.listTasks === true, tags: flags.listTags === true };
    const { plays } = loaded.playbook;
    process.stdout.write(escapeControls(listPlaybook(want, { playbook, plays, inventory: loaded.inventory, extraVars: options.extraVars, limit: options.limit, sliceHosts: loaded.sliceHosts, onlyTags: options.tags, skipTags: options.skipTags })));
    return EXIT.ok;
  }
  // questions asked between plays or tasks would tear the live view: with vars_prompt on a terminal or --step, plain lines
  const asks = (options.askVar !== undefined && loaded.playbook.plays.some((p) => p.varsPrompt.length > 0)) || step !== undefined;
  const mode = detectOutputMode({ json: flags.json === true, verbosity: flags.verbose, noLive: flags.live === false || asks }, process.env, process.stdout);
  const runId = runIdOf(flags, process.env) ?? randomUUID();
  const shown = adhoc
    ? new AdhocReporter({ ...adhoc, color: mode.color, verbosity: flags.verbose, out: process.stdout, err: process.stderr })
    : createReporter({
        json: flags.json === true,
        verbosity: flags.verbose,
        color: mode.color,
        live: mode.live,
        out: process.stdout,
        err: process.stderr,
        runId,
      });
  // CI: the events and a JUnit report in files beside the human output
  const files = [
    ...(flags.jsonFile === undefined ? [] : [new NdjsonReporter(createWriteStream('', { fd: openOutput('--json-file', flags.jsonFile) }), runId, true)]),
    ...(flags.junit === undefined ? [] : [new JunitReporter(openOutput('--junit', flags.junit))]),
  ];
  const recorder = await recorderFor(flags, { runId, playbook, inventorySources: options.inventorySources, passwords: [passwords.ssh, passwords.become], keyring });
  const others = recorder === undefined ? files : [...files, recorder];
  const reporter = others.length === 0 ? shown : new TeeReporter([shown, ...others]);
  const handle = startRun(options, loaded, (e) => reporter.on(e));
  let signals = 0;
  const onSignal = () => {
    signals++;
    if (signals > 1) process.exit(EXIT.interrupted);
    handle.interrupt();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await handle.done;
  } finally {
    await reporter.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
