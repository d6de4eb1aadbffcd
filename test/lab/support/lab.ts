// For lab tests: bring up a lab before the tests and always take it down after, plus plain-OpenSSH helpers.
import { labDown, labUp, sshRun, type CpuFlag, type LabInfo, type LabKind, type LabOs } from '../../../lab/index.js';

export interface WithLabOptions {
  name: string;
  count: number;
  kind?: LabKind;
  cpu?: CpuFlag[];
  os?: LabOs;
}

export interface LabFixture {
  setup: () => Promise<LabInfo>;
  teardown: () => Promise<void>;
  /** The lab brought up by setup() (throws before). */
  info: () => LabInfo;
}

/** Use as: const lab = withLab({...}); beforeAll(lab.setup, 900_000); afterAll(lab.teardown); */
export function withLab(opts: WithLabOptions): LabFixture {
  let info: LabInfo | undefined;
  return {
    setup: async () => {
      try {
        info = await labUp({ ...opts, log: () => undefined });
      } catch (err) {
        await labDown({ name: opts.name });
        throw err;
      }
      return info;
    },
    teardown: async () => {
      info = undefined;
      await labDown({ name: opts.name });
    },
    info: () => {
      if (!info) throw new Error(`lab ${opts.name} is not up`);
      return info;
    },
  };
}

export interface SshResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `command` on `host` (name or address) as `user` through plain OpenSSH with the lab's known_hosts. */
export async function labSsh(info: LabInfo, host: string, command: string, user = 'root', timeoutMs = 120_000): Promise<SshResult> {
  const h = info.hosts.find((x) => x.name === host || x.address === host);
  if (!h) throw new Error(`no host ${host} in lab ${info.name}`);
  return sshRun(info, user, h.address, command, timeoutMs);
}
