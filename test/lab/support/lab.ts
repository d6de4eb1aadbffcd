// For lab tests: bring up a lab before the tests and always take it down after, plus plain-OpenSSH helpers.
import { afterAll, beforeAll } from 'vitest';
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

/** Use as: const lab = withLab({...}); beforeAll(lab.setup, 900_000); afterAll(lab.teardown); useLab() below does this for one lab. */
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

export interface UseLabOptions extends WithLabOptions {
  /** More setup once the lab is up (files, servers, packages on the hosts), in the same beforeAll. */
  ready?: (info: LabInfo) => unknown;
  /** More cleanup before the lab goes down, in the same afterAll; the lab goes down even when it throws. */
  cleanup?: () => unknown;
  /** The beforeAll's timeout (the lab up, then `ready`): 900 s. */
  setupTimeout?: number;
  /** The afterAll's timeout (`cleanup`, then the lab down): 300 s. */
  teardownTimeout?: number;
}

/** The lab of useLab(): its LabInfo, each field read live (a read before the lab is up throws), and info() for the whole. */
export interface UsedLab extends LabInfo {
  info: () => LabInfo;
}

// every field of LabInfo, so that UsedLab forwards them all (a new field fails the type check here until listed)
const LAB_INFO_FIELDS: Record<keyof LabInfo, true> = { name: true, kind: true, os: true, dir: true, inventory: true, keyPath: true, knownHosts: true, opsPassword: true, hosts: true };

/**
 * Use as: const lab = useLab({ name: 'pamd', count: 2, os: 'debian12' }); inside a describe (or at the top of the
 * file). It registers the beforeAll that brings the lab up and the afterAll that takes it down, with the standard
 * timeouts; tests read lab.inventory, lab.hosts, lab.info().
 */
export function useLab(opts: UseLabOptions): UsedLab {
  const { ready, cleanup, setupTimeout = 900_000, teardownTimeout = 300_000, ...labOpts } = opts;
  const lab = withLab(labOpts);
  beforeAll(async () => {
    const info = await lab.setup();
    await ready?.(info);
  }, setupTimeout);
  afterAll(async () => {
    try {
      await cleanup?.();
    } finally {
      await lab.teardown();
    }
  }, teardownTimeout);
  const used = { info: lab.info } as UsedLab;
  for (const field of Object.keys(LAB_INFO_FIELDS) as Array<keyof LabInfo>) {
    Object.defineProperty(used, field, { enumerable: true, get: () => lab.info()[field] });
  }
  return used;
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
