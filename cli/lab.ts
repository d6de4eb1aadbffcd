// `kplay lab up|down|status|cut|heal|stop`: disposable real test hosts on this machine.
import { type Command, Option } from 'commander';
import { InputError } from '../engine/core/errors.js';
import type { LabRef } from '../lab/index.js';
import { LAB_OSES, type LabOs } from '../lab/types.js';

// the lab's code (namespaces, images, sshd) is loaded only when a lab command runs
const labApi = () => import('../lab/index.js');

interface NameOpt {
  name: string;
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

function count(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InputError(`lab size must be a positive whole number, got '${value}'`);
  return n;
}

export function registerLabCommand(program: Command): void {
  const lab = program.command('lab').description('disposable real test hosts (needs root and Linux)');
  const nameOption = (): Option => new Option('--name <name>', 'lab name (several labs can run at once)').default('default');

  lab
    .command('up')
    .description('build the base image (once) and boot N hosts; returns when all answer over SSH')
    .argument('[count]', 'number of hosts', '3')
    .addOption(nameOption())
    .addOption(new Option('--kind <kind>', 'full = systemd-nspawn with systemd; light = a bare sshd').choices(['full', 'light']).default('full'))
    .option('--cpu <list>', 'CPU virtualization flag per host, cycled: vmx,svm,none', 'none')
    .addOption(new Option('--os <os>', 'what the hosts are: EL 8, EL 7 (dnf and the lab RPMs) or Debian 12 (apt and real Debian packages)').choices([...LAB_OSES]).default('el8'))
    .action(async (n: string, opts: NameOpt & { kind: 'full' | 'light'; cpu: string; os: LabOs }) => {
      const { labUp, parseCpuList } = await labApi();
      const info = await labUp({ count: count(n), name: opts.name, kind: opts.kind, cpu: parseCpuList(opts.cpu), os: opts.os, log });
      for (const h of info.hosts) process.stdout.write(`${h.name}\t${h.address}\tcpu=${h.cpu}\n`);
      process.stdout.write(`inventory: ${info.inventory}\n`);
      process.stdout.write(`try: ansible -i ${info.inventory} lab -m ping\n`);
    });

  lab
    .command('down')
    .description('stop every host and remove everything the lab made (the image cache stays)')
    .addOption(nameOption())
    .action(async (opts: NameOpt) => {
      const { labDown } = await labApi();
      await labDown({ name: opts.name });
    });

  lab
    .command('status')
    .description("list the lab's hosts and their state")
    .addOption(nameOption())
    .option('--json', 'one JSON object on stdout')
    .action(async (opts: NameOpt & { json?: boolean }) => {
      const { labStatus } = await labApi();
      const s = labStatus({ name: opts.name });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(s)}\n`);
        return;
      }
      process.stdout.write(`lab ${s.name}: ${s.hosts.length} ${s.kind} host(s), ${s.os}, files in ${s.dir}\n`);
      for (const h of s.hosts) process.stdout.write(`${h.name}\t${h.address}\t${h.state}\n`);
    });

  type Api = Awaited<ReturnType<typeof labApi>>;
  const fault = (verb: string, desc: string, pick: (api: Api) => (host: string, ref: LabRef) => Promise<void>): void => {
    lab
      .command(verb)
      .description(desc)
      .argument('<host>', 'host name (h1, h2, ...) or address')
      .addOption(nameOption())
      .action(async (host: string, opts: NameOpt) => {
        await pick(await labApi())(host, { name: opts.name });
      });
  };
  fault('cut', "drop the host's network link: connections hang as with a pulled cable", (api) => api.labCut);
  fault('heal', "restore a cut host's link", (api) => api.labHeal);
  fault('stop', 'power the host off', (api) => api.labStop);
}
