// `kplay doc [MODULE]`: its arguments; the text (cli/doc.ts, with every module) is loaded only when the command runs.
import type { Command } from 'commander';

export function registerDocCommand(program: Command): void {
  program
    .command('doc')
    .argument('[module]', 'a module name (aliases and the ansible.builtin. prefix accepted)')
    .description("list the modules, or show one module's parameters, defaults and examples")
    .action(async (moduleName: string | undefined) => {
      const { docText } = await import('./doc.js');
      process.stdout.write(docText(moduleName));
    });
}
