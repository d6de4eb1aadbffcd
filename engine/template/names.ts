// Filter and test names as Ansible 2.14 resolves them: short names, ansible.builtin./ansible.legacy. names of
// Ansible's own plugins, collection names (ansible.utils.ipaddr), and the short names Ansible routes to collections.

/** ansible-core 2.14's own filter plugins (`ansible-doc -t filter -l`): the ones with an ansible.builtin. name */
const ANSIBLE_FILTERS = new Set([
  'b64decode', 'b64encode', 'basename', 'bool', 'checksum', 'combinations', 'combine', 'comment', 'dict2items', 'difference',
  'dirname', 'expanduser', 'expandvars', 'extract', 'fileglob', 'flatten', 'from_json', 'from_yaml', 'from_yaml_all', 'hash',
  'human_readable', 'human_to_bytes', 'intersect', 'items2dict', 'log', 'mandatory', 'md5', 'password_hash', 'path_join',
  'permutations', 'pow', 'product', 'quote', 'random', 'realpath', 'regex_escape', 'regex_findall', 'regex_replace',
  'regex_search', 'rekey_on_member', 'relpath', 'root', 'sha1', 'shuffle', 'split', 'splitext', 'strftime', 'subelements',
  'symmetric_difference', 'ternary', 'to_datetime', 'to_json', 'to_nice_json', 'to_nice_yaml', 'to_uuid', 'to_yaml',
  'type_debug', 'union', 'unique', 'unvault', 'urldecode', 'urlsplit', 'vault', 'win_basename', 'win_dirname',
  'win_splitdrive', 'zip', 'zip_longest',
]);

/** ansible-core 2.14's own test plugins (`ansible-doc -t test -l`) */
const ANSIBLE_TESTS = new Set([
  'abs', 'all', 'any', 'change', 'changed', 'contains', 'directory', 'exists', 'failed', 'failure', 'falsy', 'file', 'finished',
  'is_abs', 'is_dir', 'is_file', 'is_link', 'is_mount', 'is_same_file', 'isnan', 'issubset', 'issuperset', 'link',
  'link_exists', 'match', 'mount', 'nan', 'reachable', 'regex', 'same_file', 'search', 'skip', 'skipped', 'started', 'subset',
  'succeeded', 'success', 'successful', 'superset', 'truthy', 'unreachable', 'uri', 'url', 'urn', 'vault_encrypted', 'version',
  'version_compare',
]);

/**
 * Short names ansible-core routes to collections (config/ansible_builtin_runtime.yml; ansible.netcommon's ip filters
 * moved on to ansible.utils), for the collection filters kplay has.
 */
const ROUTED_FILTERS: ReadonlyMap<string, string> = new Map([
  ['ipaddr', 'ansible.utils.ipaddr'], ['ipwrap', 'ansible.utils.ipwrap'], ['ipv4', 'ansible.utils.ipv4'], ['ipv6', 'ansible.utils.ipv6'],
  ['json_query', 'community.general.json_query'],
  ...['ipmath', 'ipsubnet', 'next_nth_usable', 'previous_nth_usable', 'nthhost', 'network_in_usable', 'network_in_network'].map((f) => [f, `ansible.utils.${f}`] as const),
]);

const BUILTIN_PREFIXES = ['ansible.builtin.', 'ansible.legacy.'];

function strip(name: string): { short: string; prefixed: boolean } {
  for (const p of BUILTIN_PREFIXES) if (name.startsWith(p)) return { short: name.slice(p.length), prefixed: true };
  return { short: name, prefixed: false };
}

/** The name a filter is registered under in kplay's table, or undefined when Ansible would not load it. */
export function canonicalFilter(name: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>): string | undefined {
  const { short, prefixed } = strip(name);
  const netcommon = /^ansible\.netcommon\.(ipaddr|ipwrap|ipv4|ipv6|ipmath|ipsubnet|next_nth_usable|previous_nth_usable|nthhost|network_in_usable|network_in_network)$/.exec(name);
  if (netcommon) return `ansible.utils.${netcommon[1] ?? ''}`;
  const routed = ROUTED_FILTERS.get(short);
  if (routed !== undefined) return routed;
  if (prefixed) return ANSIBLE_FILTERS.has(short) && known.has(short) ? short : undefined;
  return known.has(name) ? name : undefined;
}

/** The name a test is registered under, or undefined when Ansible would not load it. */
export function canonicalTest(name: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>): string | undefined {
  const { short, prefixed } = strip(name);
  if (prefixed) return ANSIBLE_TESTS.has(short) && known.has(short) ? short : undefined;
  return known.has(name) ? name : undefined;
}

/** Why a name is not found, beyond "no such name": a Jinja2 builtin written with an ansible.builtin. prefix. */
export function unknownNameHint(kind: 'filter' | 'test', name: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>): string | undefined {
  const { short, prefixed } = strip(name);
  if (prefixed && known.has(short)) return `'${short}' is a Jinja2 builtin ${kind}, which Ansible 2.14 does not load as ${name}: write '${short}'`;
  return undefined;
}
