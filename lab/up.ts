// `kplay lab up`: clean leftovers, make sure the image exists, then network, lab layer, hosts, files; wait for SSH.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { InputError, LabError } from '../engine/core/errors.js';
import { editCpuinfo } from './cpuinfo.js';
import { cleanupLab } from './down.js';
import { ensureImage } from './image/build.js';
import { addDebRepo, ensureDebRepo } from './image/debrepo.js';
import { inventoryText, knownHostsLine } from './inventory.js';
import { buildLayer } from './layer.js';
import { bridgeName, cgroupPath, checkLabName, hostName, labRunDir, labUserDir, MAX_HOSTS, netnsName, segmentOf, vethName } from './names.js';
import { bridgeUpScript, labLinksBatch, machineRoutes, neighbourBatch, segmentUpScript, type HostNet } from './net.js';
import { launchHost, prepareHost, type HostPlan } from './host.js';
import { preflight } from './preflight.js';
import { waitReady } from './ready.js';
import { readState, register, registryEntries, registryEntry, writeAtomic, writeState } from './registry.js';
import { run, runScript } from './run.js';
import { macFor, subnetFor, subnetsOverlap, type LabSubnet } from './subnet.js';
import { raiseInotify, raiseNeighbourTable } from './sysctl.js';
import type { LabHost, LabInfo, LabState, LabUpInput, LabUpOptions } from './types.js';

export function normaliseUpOptions(input: LabUpInput): LabUpOptions {
  const count = input.count ?? 3;
  if (!Number.isInteger(count) || count < 1 || count > MAX_HOSTS) throw new InputError(`lab size must be 1..${MAX_HOSTS} hosts, got ${String(input.count)}`);
  const cpu = input.cpu && input.cpu.length > 0 ? input.cpu : ['none' as const];
  return {
    count,
    name: checkLabName(input.name ?? 'default'),
    kind: input.kind ?? 'full',
    cpu,
    os: input.os ?? 'el8',
    baseDir: input.baseDir ?? process.cwd(),
    log: input.log ?? (() => undefined),
  };
}

async function chooseSubnet(name: string, skip: readonly { network: string; prefix: number }[] = []): Promise<LabSubnet> {
  const labs = registryEntries().filter((e) => e.name !== name).map((e) => ({ network: e.subnet, prefix: e.prefix }));
  const taken = [...labs, ...skip, ...(await machineRoutes())];
  for (let attempt = 0; attempt < 64; attempt++) {
    const s = subnetFor(name, attempt);
    if (!taken.some((t) => subnetsOverlap(t, s))) return s;
  }
  throw new LabError(`no free private subnet for lab ${name}`);
}

/**
 * Chooses the lab's subnet and registers it. Labs brought up at the same moment (test files side by side) may
 * choose the same one: after registering, a lab that finds another on its subnet gives way if its name sorts
 * after the other's, and chooses again.
 */
async function claimSubnet(name: string, dir: string): Promise<LabSubnet> {
  const lost: { network: string; prefix: number }[] = [];
  for (;;) {
    const subnet = await chooseSubnet(name, lost);
    register({ name, dir, subnet: subnet.network, prefix: subnet.prefix });
    const rival = registryEntries().find((e) => e.name !== name && subnetsOverlap({ network: e.subnet, prefix: e.prefix }, subnet));
    if (rival === undefined || rival.name > name) return subnet;
    lost.push({ network: subnet.network, prefix: subnet.prefix });
  }
}

export function labInfoFromState(state: LabState): LabInfo {
  return {
    name: state.name,
    kind: state.kind,
    os: state.os,
    dir: state.dir,
    inventory: join(state.dir, 'inventory.ini'),
    keyPath: join(state.dir, 'id_ed25519'),
    knownHosts: join(state.dir, 'known_hosts'),
    opsPassword: readFileSync(join(state.dir, 'ops_password'), 'utf8').trim(),
    hosts: state.hosts.map((h) => ({ name: h.name, address: h.address, netns: h.netns, cpu: h.cpu })),
  };
}

export async function labUp(input: LabUpInput): Promise<LabInfo> {
  const o = normaliseUpOptions(input);
  const started = Date.now();
  await preflight(o.log);
  const dir = labUserDir(o.baseDir, o.name);
  const existing = registryEntry(o.name);
  if (existing && existing.dir !== dir) {
    throw new LabError(`a lab named '${o.name}' is already up from ${existing.dir}: run kplay lab down --name ${o.name} first, or choose another --name`);
  }
  await cleanupLab(o.name); // leftovers of a killed run, or the same lab brought up again
  rmSync(dir, { recursive: true, force: true });

  const inUse = new Set(registryEntries().flatMap((e) => (e.name === o.name ? [] : [readState(e.dir)?.image ?? ''])));
  const image = await ensureImage(o.log, inUse);
  const debRepo = o.os === 'debian12' ? await ensureDebRepo(o.log) : undefined;
  const subnet = await claimSubnet(o.name, dir);
  const runDir = labRunDir(o.name);
  mkdirSync(join(runDir, 'hosts'), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const keyPath = join(dir, 'id_ed25519');
  const knownHosts = join(dir, 'known_hosts');
  await run(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `kplay-lab-${o.name}`, '-f', keyPath]);
  const opsPassword = randomBytes(12).toString('base64url');
  writeFileSync(join(dir, 'ops_password'), `${opsPassword}\n`, { mode: 0o600 });
  const opsHash = (await run(['openssl', 'passwd', '-6', '-stdin'], { input: `${opsPassword}\n` })).stdout.trim();

  const bridge = bridgeName(o.name);
  const hosts: LabHost[] = Array.from({ length: o.count }, (_, i) => {
    const index = i + 1;
    const name = hostName(index);
    const address = subnet.host(index);
    return {
      name,
      index,
      address,
      netns: netnsName(o.name, name),
      veth: vethName(o.name, index),
      mac: macFor(address),
      cpu: o.cpu[i % o.cpu.length] ?? 'none',
      pid: 0,
      cgroup: cgroupPath(o.name, name),
      cut: false,
    };
  });
  const hostsFile = ['127.0.0.1 localhost', '::1 localhost ip6-localhost ip6-loopback', ...hosts.map((h) => `${h.address} ${h.name}`), ''].join('\n');
  const layer = join(runDir, 'layer');
  buildLayer({ image: image.rootfs, layer, os: o.os, clientPublicKey: readFileSync(`${keyPath}.pub`, 'utf8'), opsHash, hostsFile });
  if (debRepo !== undefined) await addDebRepo(debRepo, layer);

  const state: LabState = {
    version: 1,
    name: o.name,
    kind: o.kind,
    os: o.os,
    image: image.hash,
    bridge,
    subnet: subnet.network,
    prefix: subnet.prefix,
    gateway: subnet.gateway,
    runDir,
    dir,
    hosts,
    createdAt: new Date().toISOString(),
  };
  writeState(state);
  if (o.kind === 'full') raiseInotify(Math.max(1024, o.count * 12 + 256));
  await runScript(bridgeUpScript(bridge, subnet.gateway, subnet.prefix));
  for (let segment = 1; segment <= segmentOf(o.count); segment++) await runScript(segmentUpScript(o.name, segment));
  // the machine keeps a neighbour entry per host on the lab's bridge: Linux's default table stops at 1024
  raiseNeighbourTable(registryEntries().reduce((n, e) => n + (e.name === o.name ? 0 : (readState(e.dir)?.hosts.length ?? 0)), o.count) + 256);

  const machineCpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  o.log(`starting ${o.count} ${o.kind} host${o.count === 1 ? '' : 's'} on ${subnet.network}/${subnet.prefix}`);
  const netOf = (h: LabHost): HostNet => ({ netns: h.netns, veth: h.veth, mac: h.mac, address: h.address, prefix: subnet.prefix, bridge: bridgeName(o.name, segmentOf(h.index)), gateway: subnet.gateway });
  await run(['ip', '-batch', '-'], { input: labLinksBatch(hosts.map(netOf)) });
  await run(['ip', '-batch', '-'], { input: neighbourBatch(hosts.map(netOf), bridge) });
  const keys = new Map<string, string>();
  const limit = pLimit(o.kind === 'full' ? 4 : 8);
  await Promise.all(
    hosts.map((h) =>
      limit(async () => {
        const hostDir = join(runDir, 'hosts', h.name);
        mkdirSync(hostDir, { recursive: true });
        const cpuinfo = join(hostDir, 'cpuinfo');
        writeFileSync(cpuinfo, editCpuinfo(machineCpuinfo, h.cpu));
        const plan: HostPlan = {
          lab: o.name,
          name: h.name,
          kind: o.kind,
          net: netOf(h),
          dir: hostDir,
          image: image.rootfs,
          layer,
          cgroup: h.cgroup,
          cpuinfo,
        };
        keys.set(h.name, await prepareHost(plan));
        h.pid = launchHost(plan);
      }),
    ),
  );
  writeState(state);
  writeAtomic(knownHosts, `${hosts.map((h) => knownHostsLine(h.address, keys.get(h.name) ?? '')).join('\n')}\n`);
  writeAtomic(join(dir, 'inventory.ini'), inventoryText(hosts, keyPath, knownHosts));
  chmodSync(keyPath, 0o600);

  o.log(`started ${o.count} host${o.count === 1 ? '' : 's'} after ${((Date.now() - started) / 1000).toFixed(1)} s; waiting for them to answer over SSH`);
  try {
    await waitReady(
      { keyPath, knownHosts },
      o.kind,
      hosts.map((h) => ({ name: h.name, address: h.address, pid: h.pid, log: join(runDir, 'hosts', h.name, 'console.log') })),
      120_000 + o.count * (o.kind === 'full' ? 3000 : 300),
    );
  } catch (err) {
    throw new LabError(`${err instanceof Error ? err.message : String(err)}\n(the lab stays up for inspection: kplay lab down --name ${o.name})`, { cause: err });
  }
  o.log(`lab ${o.name} is up: ${o.count} ${o.kind} host${o.count === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s; inventory ${join(dir, 'inventory.ini')}`);
  return labInfoFromState(state);
}

