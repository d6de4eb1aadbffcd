// The kplay command tree: every subcommand registered on one commander program (cli/main.ts parses the real
// command line with it; `kplay completion` describes it to a shell).
import { Command } from 'commander';
import { registerStubs } from './stubs.js';
import { registerLabCommand } from './lab.js';
import { registerRunCommand } from './run.js';
import { registerInventoryCommand } from './inventory.js';
import { registerValidateCommand } from './validate.js';
import { registerDocCommand } from './doc-command.js';
import { registerConnectionsCommand } from './connections.js';
import { registerConfigCommand } from './config-command.js';
import { registerAdhocCommand } from './adhoc.js';
import { registerCompletionCommand } from './completion-command.js';
import { registerHistoryCommand } from './history.js';
import { registerReportCommand } from './report.js';

export function buildProgram(version: string): Command {
  const program = new Command('kplay')
    .description('Declarative configuration management: YAML playbooks of idempotent modules over SSH')
    .version(version, '--version', 'print the version and exit')
    // a mistyped option: the error and where the options are, not 60 lines of help scrolling it away
    .showHelpAfterError('(kplay help <command> lists its options)')
    .exitOverride((err) => {
      process.exit(err.exitCode === 0 ? 0 : 5);
    });
  registerRunCommand(program);
  registerInventoryCommand(program);
  registerValidateCommand(program);
  registerDocCommand(program);
  registerStubs(program);
  registerLabCommand(program);
  registerConnectionsCommand(program);
  registerConfigCommand(program);
  registerAdhocCommand(program);
  registerHistoryCommand(program);
  registerReportCommand(program);
  registerCompletionCommand(program);
  return program;
}
