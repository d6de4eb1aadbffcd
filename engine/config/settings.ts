// The ansible.cfg settings kplay knows, by Ansible's names (as `ansible-config dump` shows them): where each is read
// (ini section and key, environment variables), its type and Ansible's default, and what kplay does with it:
// - honoured: it changes kplay's behaviour as it changes Ansible's;
// - harmless: kplay has nothing it would change (no retry files, no Python interpreter on hosts): accepted silently;
// - not honoured: set to anything but a value kplay behaves like, it is named in one warning.

export type SettingType = 'string' | 'int' | 'bool' | 'path' | 'pathlist' | 'pathspec';

export interface SettingSpec {
  readonly name: string;
  readonly ini?: readonly [section: string, key: string] | undefined;
  /** older ini keys of the same setting, read before `ini` (the last one present wins, as in Ansible) */
  readonly iniOlder?: readonly (readonly [section: string, key: string])[] | undefined;
  /** the environment variables that set it: the last one set wins, as in Ansible */
  readonly env: readonly string[];
  readonly type: SettingType;
  readonly default: string | number | boolean | readonly string[] | undefined;
  readonly kplay: 'honoured' | 'harmless' | 'not honoured';
  /** for a setting not honoured: the values kplay behaves like anyway (no warning for them) */
  readonly fine?: readonly string[] | undefined;
}

const s = (spec: SettingSpec): SettingSpec => spec;

export const SETTINGS: readonly SettingSpec[] = [
  s({ name: 'DEFAULT_HOST_LIST', ini: ['defaults', 'inventory'], env: ['ANSIBLE_INVENTORY'], type: 'pathlist', default: ['/etc/ansible/hosts'], kplay: 'honoured' }),
  s({ name: 'DEFAULT_FORKS', ini: ['defaults', 'forks'], env: ['ANSIBLE_FORKS'], type: 'int', default: 5, kplay: 'honoured' }),
  s({ name: 'DEFAULT_REMOTE_USER', ini: ['defaults', 'remote_user'], env: ['ANSIBLE_REMOTE_USER'], type: 'string', default: undefined, kplay: 'honoured' }),
  s({ name: 'DEFAULT_PRIVATE_KEY_FILE', ini: ['defaults', 'private_key_file'], env: ['ANSIBLE_PRIVATE_KEY_FILE'], type: 'path', default: undefined, kplay: 'honoured' }),
  s({ name: 'HOST_KEY_CHECKING', ini: ['defaults', 'host_key_checking'], env: ['ANSIBLE_HOST_KEY_CHECKING'], type: 'bool', default: true, kplay: 'honoured' }),
  s({ name: 'DEFAULT_ROLES_PATH', ini: ['defaults', 'roles_path'], env: ['ANSIBLE_ROLES_PATH'], type: 'pathspec', default: ['~/.ansible/roles', '/usr/share/ansible/roles', '/etc/ansible/roles'], kplay: 'honoured' }),
  s({
    name: 'COLLECTIONS_PATHS',
    ini: ['defaults', 'collections_path'],
    iniOlder: [['defaults', 'collections_paths']],
    env: ['ANSIBLE_COLLECTIONS_PATHS', 'ANSIBLE_COLLECTIONS_PATH'],
    type: 'pathspec',
    default: ['~/.ansible/collections', '/usr/share/ansible/collections'],
    kplay: 'honoured',
  }),
  s({ name: 'DEFAULT_TIMEOUT', ini: ['defaults', 'timeout'], env: ['ANSIBLE_TIMEOUT'], type: 'int', default: 10, kplay: 'honoured' }),
  s({ name: 'DEFAULT_TRANSPORT', ini: ['defaults', 'transport'], env: ['ANSIBLE_TRANSPORT'], type: 'string', default: 'ssh', kplay: 'honoured' }),
  s({ name: 'DEFAULT_ASK_PASS', ini: ['defaults', 'ask_pass'], env: ['ANSIBLE_ASK_PASS'], type: 'bool', default: false, kplay: 'honoured' }),
  s({ name: 'DEFAULT_VAULT_PASSWORD_FILE', ini: ['defaults', 'vault_password_file'], env: ['ANSIBLE_VAULT_PASSWORD_FILE'], type: 'path', default: undefined, kplay: 'honoured' }),
  s({ name: 'DEFAULT_BECOME', ini: ['privilege_escalation', 'become'], env: ['ANSIBLE_BECOME'], type: 'bool', default: false, kplay: 'honoured' }),
  s({ name: 'DEFAULT_BECOME_USER', ini: ['privilege_escalation', 'become_user'], env: ['ANSIBLE_BECOME_USER'], type: 'string', default: 'root', kplay: 'honoured' }),
  s({ name: 'DEFAULT_BECOME_ASK_PASS', ini: ['privilege_escalation', 'become_ask_pass'], env: ['ANSIBLE_BECOME_ASK_PASS'], type: 'bool', default: false, kplay: 'honoured' }),
  s({ name: 'DEFAULT_BECOME_METHOD', ini: ['privilege_escalation', 'become_method'], env: ['ANSIBLE_BECOME_METHOD'], type: 'string', default: 'sudo', kplay: 'not honoured', fine: ['sudo'] }),
  s({ name: 'ANSIBLE_NOCOLOR', ini: ['defaults', 'nocolor'], env: ['ANSIBLE_NOCOLOR', 'NO_COLOR'], type: 'bool', default: false, kplay: 'honoured' }),
  s({ name: 'ANSIBLE_FORCE_COLOR', ini: ['defaults', 'force_color'], env: ['ANSIBLE_FORCE_COLOR'], type: 'bool', default: false, kplay: 'honoured' }),
  s({ name: 'DEFAULT_GATHERING', ini: ['defaults', 'gathering'], env: ['ANSIBLE_GATHERING'], type: 'string', default: 'implicit', kplay: 'not honoured', fine: ['implicit', 'smart'] }),
  s({ name: 'DEFAULT_LOG_PATH', ini: ['defaults', 'log_path'], env: ['ANSIBLE_LOG_PATH'], type: 'path', default: undefined, kplay: 'not honoured' }),
  s({ name: 'DEFAULT_STRATEGY', ini: ['defaults', 'strategy'], env: ['ANSIBLE_STRATEGY'], type: 'string', default: 'linear', kplay: 'not honoured', fine: ['linear'] }),
  s({ name: 'DEFAULT_MODULE_PATH', ini: ['defaults', 'library'], env: ['ANSIBLE_LIBRARY'], type: 'pathspec', default: undefined, kplay: 'not honoured' }),
  s({ name: 'DEFAULT_STDOUT_CALLBACK', ini: ['defaults', 'stdout_callback'], env: ['ANSIBLE_STDOUT_CALLBACK'], type: 'string', default: 'default', kplay: 'not honoured', fine: ['default'] }),
  s({ name: 'CALLBACKS_ENABLED', ini: ['defaults', 'callbacks_enabled'], env: ['ANSIBLE_CALLBACKS_ENABLED'], type: 'pathlist', default: [], kplay: 'not honoured' }),
  s({ name: 'ANSIBLE_SSH_ARGS', ini: ['ssh_connection', 'ssh_args'], env: ['ANSIBLE_SSH_ARGS'], type: 'string', default: '-C -o ControlMaster=auto -o ControlPersist=60s', kplay: 'harmless' }),
  s({ name: 'ANSIBLE_PIPELINING', ini: ['ssh_connection', 'pipelining'], env: ['ANSIBLE_PIPELINING'], type: 'bool', default: false, kplay: 'harmless' }),
  s({ name: 'RETRY_FILES_ENABLED', ini: ['defaults', 'retry_files_enabled'], env: ['ANSIBLE_RETRY_FILES_ENABLED'], type: 'bool', default: false, kplay: 'harmless' }),
  s({ name: 'INTERPRETER_PYTHON', ini: ['defaults', 'interpreter_python'], env: ['ANSIBLE_PYTHON_INTERPRETER'], type: 'string', default: 'auto', kplay: 'harmless' }),
  s({ name: 'DEPRECATION_WARNINGS', ini: ['defaults', 'deprecation_warnings'], env: ['ANSIBLE_DEPRECATION_WARNINGS'], type: 'bool', default: true, kplay: 'harmless' }),
];
