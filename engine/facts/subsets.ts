// Ansible's gather_subset: collector names, the fact names that stand for their collector, `min`, `all` and `!` negation.

/** The collectors kplay gathers or accepts (facter, ohai, iscsi, nvme, fibre_channel_wwn give nothing here). */
export const COLLECTORS = [
  'apparmor', 'caps', 'chroot', 'cmdline', 'date_time', 'distribution', 'dns', 'env', 'fips', 'local', 'lsb', 'pkg_mgr',
  'platform', 'python', 'selinux', 'service_mgr', 'ssh_pub_keys', 'user', 'loadavg', 'hardware', 'network', 'virtual',
  'facter', 'ohai', 'iscsi', 'nvme', 'fibre_channel_wwn',
] as const;

export type Collector = (typeof COLLECTORS)[number];

/** Ansible's minimal_gather_subset: gathered unless `!min` (or `!<name>`) excludes them. */
const MINIMAL: readonly Collector[] = [
  'apparmor', 'caps', 'cmdline', 'date_time', 'distribution', 'dns', 'env', 'fips', 'local', 'lsb', 'pkg_mgr', 'platform',
  'python', 'selinux', 'service_mgr', 'ssh_pub_keys', 'user',
];

/** A fact name given as a subset selects its collector (Ansible's _fact_ids). */
const FACT_IDS: Readonly<Partial<Record<Collector, readonly string[]>>> = {
  platform: ['system', 'kernel', 'kernel_version', 'machine', 'python_version', 'architecture', 'machine_id'],
  distribution: ['distribution_version', 'distribution_release', 'distribution_major_version', 'os_family'],
  user: ['user_id', 'user_uid', 'user_gid', 'user_gecos', 'user_dir', 'user_shell', 'real_user_id', 'effective_user_id', 'effective_group_ids'],
  virtual: ['virtualization_type', 'virtualization_role', 'virtualization_tech_guest', 'virtualization_tech_host'],
  hardware: ['processor', 'processor_cores', 'processor_count', 'mounts', 'devices'],
  network: ['interfaces', 'default_ipv4', 'default_ipv6', 'all_ipv4_addresses', 'all_ipv6_addresses'],
  caps: ['system_capabilities', 'system_capabilities_enforced'],
  chroot: ['is_chroot'],
  ssh_pub_keys: ['ssh_host_pub_keys', 'ssh_host_key_dsa_public', 'ssh_host_key_rsa_public', 'ssh_host_key_ecdsa_public', 'ssh_host_key_ed25519_public'],
};

/** Collectors whose facts another needs (Ansible's required_facts): they are gathered and returned with it. */
const REQUIRES: Readonly<Partial<Record<Collector, readonly Collector[]>>> = {
  pkg_mgr: ['distribution'],
  service_mgr: ['platform'],
  distribution: ['platform'],
  hardware: ['platform'],
  network: ['platform'],
  virtual: ['platform'],
};

const aliasOf = new Map<string, Collector>();
for (const c of COLLECTORS) aliasOf.set(c, c);
for (const [c, ids] of Object.entries(FACT_IDS) as [Collector, readonly string[]][]) for (const id of ids) aliasOf.set(id, c);

/** Every name gather_subset accepts, sorted, as Ansible lists them in its error. */
export const VALID_SUBSETS: readonly string[] = [...aliasOf.keys()].sort();

export type SubsetResult = { readonly ok: true; readonly collectors: ReadonlySet<Collector> } | { readonly ok: false; readonly msg: string };

/** Which collectors a gather_subset list selects, as Ansible's get_collector_names (min always, unless `!min`). */
export function resolveSubsets(subsets: readonly string[]): SubsetResult {
  const valid = new Set<Collector>(COLLECTORS);
  const add = new Set<Collector>();
  const exclude = new Set<Collector>();
  const explicit = new Set<Collector>();
  for (const raw of ['min', ...(subsets.length === 0 ? ['all'] : subsets)]) {
    const s = raw.trim();
    if (s === 'min') MINIMAL.forEach((c) => add.add(c));
    else if (s === 'all') valid.forEach((c) => add.add(c));
    else if (s === '!min') MINIMAL.forEach((c) => exclude.add(c));
    else if (s === '!all') valid.forEach((c) => (MINIMAL.includes(c) ? undefined : exclude.add(c)));
    else {
      const negated = s.startsWith('!');
      const c = aliasOf.get(negated ? s.slice(1) : s);
      if (c === undefined) {
        if (negated) continue;
        return { ok: false, msg: `Bad subset '${s}' given to Ansible. gather_subset options allowed: all, ${VALID_SUBSETS.join(', ')}` };
      }
      if (negated) exclude.add(c);
      else {
        explicit.add(c);
        add.add(c);
      }
    }
  }
  if (add.size === 0) valid.forEach((c) => add.add(c));
  for (const c of exclude) if (!explicit.has(c)) add.delete(c);
  for (const c of [...add]) for (const r of REQUIRES[c] ?? []) add.add(r);
  return { ok: true, collectors: add };
}

/** gather_subset as a play keyword or parameter: a list, or a comma-separated string. */
export function subsetList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter((v) => v !== '');
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  return [];
}
