// The files a user and Ansible read: inventory.ini and known_hosts (pure text).

export interface InventoryHost {
  name: string;
  address: string;
}

export function inventoryText(hosts: readonly InventoryHost[], keyPath: string, knownHosts: string): string {
  const lines = ['[lab]'];
  for (const h of hosts) lines.push(`${h.name} ansible_host=${h.address} ansible_user=root ansible_ssh_private_key_file=${keyPath}`);
  lines.push('', '[lab:vars]', `ansible_ssh_common_args='-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes'`, '');
  return lines.join('\n');
}

/** `publicKey` is the content of ssh_host_ed25519_key.pub ("ssh-ed25519 AAAA... comment"). */
export function knownHostsLine(address: string, publicKey: string): string {
  const [type, key] = publicKey.trim().split(/\s+/);
  return `${address} ${type ?? ''} ${key ?? ''}`;
}
