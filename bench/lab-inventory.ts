// Read what the benchmark needs from a lab's inventory.ini: host names, addresses, key and known_hosts.
import { readFileSync } from 'node:fs';

export interface LabHost {
  readonly name: string;
  readonly address: string;
  readonly user: string;
  readonly key: string;
}

export interface LabInventory {
  readonly path: string;
  readonly hosts: readonly LabHost[];
  readonly knownHosts: string;
}

export function readLabInventory(path: string): LabInventory {
  const text = readFileSync(path, 'utf8');
  const hosts: LabHost[] = [];
  let section = '';
  let knownHosts = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) {
      section = sec[1] ?? '';
      continue;
    }
    const kv = (k: string) => new RegExp(`${k}=(\\S+)`).exec(line)?.[1];
    if (section === 'lab') {
      const name = line.split(/\s+/)[0] ?? '';
      hosts.push({ name, address: kv('ansible_host') ?? name, user: kv('ansible_user') ?? 'root', key: kv('ansible_ssh_private_key_file') ?? '' });
    } else if (section === 'lab:vars') {
      knownHosts = /UserKnownHostsFile=(\S+?)['"\s]/.exec(`${line} `)?.[1] ?? knownHosts;
    }
  }
  return { path, hosts, knownHosts };
}
