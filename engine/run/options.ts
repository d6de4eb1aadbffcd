// What `kplay run` was asked to do, normalised.
import type { Secret } from '../core/secret.js';
import type { Vars } from '../playbook/model.js';
import type { CliBecome } from './become.js';
import type { Slice } from './slice.js';
import type { YamlFiles } from '../yaml/load.js';

export interface RunOptions {
  readonly playbook: string;
  readonly inventorySources: readonly string[];
  readonly extraVars: Vars;
  readonly limit: string | undefined;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  readonly check: boolean;
  readonly diff: boolean;
  readonly forks: number;
  readonly verbosity: number;
  readonly user: string | undefined;
  readonly privateKey: string | undefined;
  /** -T, -c, --ssh-common-args, --ssh-extra-args: each below the host's own variable */
  readonly connection?: CliConnection | undefined;
  readonly startAtTask: string | undefined;
  /** where roles are looked for after the playbook's roles/ (roles_path); absent: nowhere else */
  readonly rolesPath?: readonly string[] | undefined;
  /** the files the run reads, parsed once each, with its vault passwords (a reader with none when absent) */
  readonly files?: YamlFiles | undefined;
  readonly forceHandlers: boolean;
  /** -b, --become-user, -K */
  readonly become?: CliBecome | undefined;
  /**
   * vars_prompt on a terminal: ask `question` and resolve to what was typed (confirm: asked until two answers
   * match). Absent when there is no terminal to ask on: then, as Ansible, the default is used without asking.
   */
  readonly askVar?: ((question: VarQuestion) => Promise<string>) | undefined;
  /**
   * --step: show `prompt` and resolve to the answer typed (a line), or undefined when input has ended. Absent: no
   * stepping. The CLI asks on stdin whether or not it is a terminal, as Ansible does.
   */
  readonly step?: StepAsk | undefined;
  /** keep SSH connections open between runs in a background keeper (--persist); absent: each run connects anew */
  readonly keeper?: KeeperSettings | undefined;
  /** --shard I/N (or JOB_COMPLETION_INDEX + KPLAY_SHARD_COUNT): run only this slice of the targeted hosts */
  readonly slice?: Slice | undefined;
}

/** A vars_prompt question, ready to show: `Prompt [default]: ` as Ansible words it. */
export interface VarQuestion {
  readonly text: string;
  /** typed without echo */
  readonly private: boolean;
  /** asked twice, until both answers match */
  readonly confirm: boolean;
}

export interface KeeperSettings {
  /** the directory of the keeper's socket */
  readonly dir: string;
  /** start a keeper serving on this socket path (the CLI knows how) */
  readonly start: (socketPath: string) => void;
}

/** The command line's connection settings; the hosts' variables (ansible_ssh_timeout...) rank above each. */
export interface CliConnection {
  /** -T: the SSH connect timeout */
  readonly timeoutS?: number | undefined;
  /** -c: the connection of hosts whose variables and connection keyword name none */
  readonly connection?: 'ssh' | 'local' | undefined;
  /** --ssh-common-args, --ssh-extra-args: replaced by a host's ansible_ssh_common_args / ansible_ssh_extra_args */
  readonly sshCommonArgs?: string | undefined;
  readonly sshExtraArgs?: string | undefined;
  /** -k: the login password of hosts without ansible_password (or ansible_ssh_pass) */
  readonly password?: Secret | undefined;
}

/** --step's question: the prompt shown; the answer, or undefined at the end of input. */
export type StepAsk = (prompt: string) => Promise<string | undefined>;
