// The variables the transport reads to choose and open a connection and to run commands as another user.
// Ansible ranks them like any variable (play, block and task vars, include params, set_fact and -e included) and
// templates them before use: the runner picks these names out of a task's variables and renders them.

export const CONNECTION_VARIABLES = [
  'ansible_connection',
  'ansible_host',
  'ansible_port',
  'ansible_ssh_port',
  'ansible_user',
  'ansible_ssh_user',
  'ansible_password',
  'ansible_ssh_pass',
  'ansible_ssh_password',
  'ansible_private_key_file',
  'ansible_ssh_private_key_file',
  'ansible_private_key_passphrase',
  'ansible_ssh_private_key_passphrase',
  'ansible_ssh_common_args',
  'ansible_ssh_extra_args',
  'ansible_ssh_timeout',
  'ansible_become',
  'ansible_become_user',
  'ansible_become_password',
  'ansible_become_pass',
  'ansible_sudo_pass',
] as const;
