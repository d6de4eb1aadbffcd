// Debian 12 lab hosts (`kplay lab up --os debian12`): apt installs real Debian packages from the lab's local
// repository, and a playbook gives the same recap, exit code and host state under kplay and ansible-playbook, on
// the first run and the rerun (h1 is kplay's host, h2 ansible-playbook's).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ansiblePlaybook, kplay, parseRecap } from './support/cli.js';
import { comparePlaybook, compareRuns } from './support/compare-runs.js';
import { makeTestKey } from './support/gpg-key.js';
import { controllerAddressFor, startHttpServer } from './support/http-server.js';
import { useLab } from './support/lab.js';
import { onHost } from './support/modules.js';

const PLAY = 'test/fixtures/debian/apt.yml';
const info = useLab({ name: 'debian', count: 2, kind: 'full', os: 'debian12', teardownTimeout: 900_000 });

/** What the playbook changes on a host, read with dpkg and systemctl. */
const state = (host: string) =>
  onHost(info, host, "dpkg-query -W -f '${Package} ${db:Status-Abbrev}\\n' hello tree redis-server less nginx nginx-common rsync 2>&1; systemctl is-active redis-server; systemctl is-enabled redis-server; hello");

it('is Debian 12 with apt and a repository of real packages', async () => {
  expect(await onHost(info, 'h1', '. /etc/os-release; echo $ID $VERSION_ID; cat /etc/debian_version; apt-cache policy hello | grep Candidate')).toMatch(
    /^debian 12\n12\.\d+\n\s*Candidate: \d/,
  );
});

it('runs a playbook of apt and service as ansible-playbook does: recap, exit code and host state, twice', async () => {
  const before = await state('h1');
  expect(before).toContain('less ii');
  expect(before).not.toMatch(/hello ii/);
  for (const round of ['first run', 'rerun']) {
    const [k, a] = await Promise.all([kplay('run', '--no-live', '-i', info.inventory, '-l', 'h1', PLAY), ansiblePlaybook(['-i', info.inventory, '-l', 'h2', PLAY])]);
    expect(a.code, `${round}: ${a.stdout}`).toBe(0);
    expect(k.code, `${round}: ${k.stdout}${k.stderr}`).toBe(0);
    expect(parseRecap(k.stdout).h1, round).toEqual(parseRecap(a.stdout).h2);
    expect(await state('h1'), round).toBe(await state('h2'));
  }
  const after = await state('h1');
  expect(after).toMatch(/^hello ii\s*$/m);
  expect(after).toMatch(/^redis-server ii\s*$/m);
  expect(after).toContain('active\nenabled\nHello, world!');
  expect(after).not.toContain('less ii');
  // installed with policy_rc_d, removed, then autoremove took nginx-common too
  expect(after).not.toMatch(/^nginx(-common)? ii/m);
  expect(after).toMatch(/^rsync ii\s*$/m);
  // every run installs nginx, removes it and autoremoves nginx-common again: those three change, nothing else
  expect(parseRecap((await kplay('run', '--no-live', '-i', info.inventory, '-l', 'h1', PLAY)).stdout).h1).toMatchObject({ changed: 3, failed: 0 });
});

const APT_KEY = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: gnupg }
    - name: from a URL, the id read from the key
      apt_key: { url: "{{ srv }}/files/key1.asc" }
      register: k1
    - name: again - ok
      apt_key: { url: "{{ srv }}/files/key1.asc" }
      register: k2
    - name: inline data, the short id given
      apt_key: { data: "{{ lookup('file', 'key2.asc') }}", id: "{{ key2_short }}" }
      register: k3
    - name: check mode - the removal predicted
      apt_key: { id: "{{ key1_fp }}", state: absent }
      check_mode: true
      register: k4
    - name: removed
      apt_key: { id: "{{ key1_fp }}", state: absent }
      register: k5
    - name: removed again - ok
      apt_key: { id: "{{ key1_fp }}", state: absent }
      register: k6
    - copy: { src: key2.asc, dest: /root/key2.asc }
    - name: a file on the host into a keyring of its own
      apt_key: { file: /root/key2.asc, keyring: /etc/apt/trusted.gpg.d/kplay-test.gpg }
      register: k7
    - name: data that is no key
      apt_key: { data: "not a key" }
      ignore_errors: true
      register: k8
    - name: an id that is none
      apt_key: { id: "xyz", state: absent }
      ignore_errors: true
      register: k9
    - copy:
        dest: /root/apt-key-results
        content: |
          {% for r in [k1, k2, k3, k4, k5, k6, k7, k8, k9] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.id | default('-') }} {{ r.short_id | default('-') }} {{ r.fp | default('-') }} {{ r.msg | default('') if r.failed | default(false) else '' }}
          {% endfor %}
`;

it('apt_key: from a URL, inline data, a file into its own keyring, absent, check mode and bad input, as ansible-playbook does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apt-key-pb-'));
  const key1 = makeTestKey('kplay apt key one');
  const key2 = makeTestKey('kplay apt key two');
  writeFileSync(join(dir, 'key2.asc'), key2.armor);
  const server = await startHttpServer(controllerAddressFor(info.hosts[0]?.address ?? ''));
  try {
    server.put('key1.asc', key1.armor);
    writeFileSync(join(dir, 'apt-key.yml'), APT_KEY);
    await compareRuns(info.inventory, join(dir, 'apt-key.yml'), ['-e', `srv=${server.base} key1_fp=${key1.fingerprint} key2_short=${key2.shortId}`]);
  } finally {
    await server.stop();
  }
  const read = "cat /root/apt-key-results; apt-key list 2>/dev/null | grep -c '^pub'; apt-key --keyring /etc/apt/trusted.gpg.d/kplay-test.gpg list 2>/dev/null | grep -A1 '^pub' | tail -n 1";
  const [k, a] = [await onHost(info, 'h2', read), await onHost(info, 'h1', read)];
  expect(k).toBe(a);
  const long1 = key1.fingerprint.slice(-16);
  // the rerun's results: the URL's key added again (it was removed at the end of the first run), then ok
  expect(k).toContain(`True False ${long1} ${long1.slice(-8)} ${long1} \nFalse False ${long1} `);
  expect(k).toContain(`False False ${key2.shortId} ${key2.shortId} ${key2.shortId} `);
  expect(k).toContain('False True - - - Unable to extract key from \'inline data\'');
  expect(k).toContain('False True xyz - - Invalid key_id');
});

const APACHE_MODULES = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: apache2 }
    - name: enabled
      apache2_module: { name: rewrite, state: present }
      register: m1
    - name: enabled again - ok
      apache2_module: { name: rewrite }
      register: m2
    - name: check mode - a disable predicted
      apache2_module: { name: rewrite, state: absent }
      check_mode: true
      register: m3
    - name: disabled (status was enabled by the package)
      apache2_module: { name: status, state: absent }
      register: m4
    - name: a module with no such name
      apache2_module: { name: nosuchmod }
      ignore_errors: true
      register: m5
    - name: an identifier guessed wrong
      apache2_module: { name: headers, identifier: not_headers_module }
      ignore_errors: true
      register: m6
    - copy:
        dest: /root/apache-results
        content: |
          {% for r in [m1, m2, m3, m4, m5, m6] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.result | default('-') }} {{ (r.msg | default('') if r.failed | default(false) else '') | regex_replace('\\n.*', '') }}
          {% endfor %}
`;

it('apache2_module: enable, disable, check mode, an unknown module and a wrong identifier, as ansible-playbook does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'apache-pb-'));
  const { kplay: k, ansible } = await comparePlaybook(info, info.inventory, join(dir, 'apache.yml'), APACHE_MODULES, 'cat /root/apache-results; ls /etc/apache2/mods-enabled | sort');
  expect(k).toBe(ansible);
  // the rerun: everything already so, the check-mode disable predicted again
  expect(k).toMatch(/^False False Module rewrite enabled \nFalse False Module rewrite enabled \nTrue False Module rewrite disabled \nFalse False Module status disabled \n/);
  expect(k).toContain('rewrite.load');
  expect(k).not.toContain('status.load');
  expect(k).toContain('False True - Failed to set module headers to enabled:');
});

const SELECTIONS = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: [hello, tree] }
    - name: held
      dpkg_selections: { name: hello, selection: hold }
      register: s1
    - name: held again - ok
      dpkg_selections: { name: hello, selection: hold }
      register: s2
    - name: check mode - deinstall predicted
      dpkg_selections: { name: tree, selection: deinstall }
      check_mode: true
      register: s3
    - name: a package dpkg does not know
      dpkg_selections: { name: kplay-nosuchpkg, selection: hold }
      register: s4
    - name: an answer preseeded
      debconf: { name: kplay-demo, question: kplay-demo/colour, vtype: string, value: blue }
      register: d1
    - name: again - ok
      debconf: { name: kplay-demo, question: kplay-demo/colour, vtype: string, value: blue }
      register: d2
    - name: a boolean, written as Python writes it
      debconf: { name: kplay-demo, question: kplay-demo/enabled, vtype: boolean, value: "True" }
      register: d3
    - name: the same boolean as debconf writes it - ok
      debconf: { name: kplay-demo, question: kplay-demo/enabled, vtype: boolean, value: "true" }
      register: d4
    - name: check mode - a new answer predicted
      debconf: { name: kplay-demo, question: kplay-demo/colour, vtype: string, value: red }
      check_mode: true
      register: d5
    - name: a question without its type
      debconf: { name: kplay-demo, question: kplay-demo/colour, value: red }
      ignore_errors: true
      register: d6
    - name: the answers only
      debconf: { name: kplay-demo }
      register: d7
    - copy:
        dest: /root/selection-results
        content: |
          {% for r in [s1, s2, s3, s4] %}
          {{ r.changed }} {{ r.before }} {{ r.after }}
          {% endfor %}
          {% for r in [d1, d2, d3, d4, d5, d6, d7] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.msg | default('') }} {{ r.current | default({}) | dictsort }} {{ r.previous | default({}) | dictsort }}
          {% endfor %}
`;

it('dpkg_selections and debconf: hold, check mode, preseeded answers, booleans and a missing vtype, as ansible-playbook does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'selections-pb-'));
  // debconf-show lists a package's answers in no fixed order
  const { kplay: k, ansible } = await comparePlaybook(info, info.inventory, join(dir, 'selections.yml'), SELECTIONS, 'cat /root/selection-results; dpkg --get-selections hello tree; debconf-show kplay-demo | sort');
  expect(k).toBe(ansible);
  expect(k).toMatch(/^hello\s+hold$/m);
  expect(k).toMatch(/^tree\s+install$/m);
  expect(k).toContain('kplay-demo/colour: blue');
  expect(k).toContain('False True parameters are required together: question, vtype, value');
});

const IPTABLES = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: iptables }
    - name: ssh accepted, new and established connections, with a comment
      iptables: { chain: INPUT, protocol: tcp, destination_port: "22", ctstate: [NEW, ESTABLISHED], jump: ACCEPT, comment: "ssh in" }
      register: i1
    - name: again - ok
      iptables: { chain: INPUT, protocol: tcp, destination_port: "22", ctstate: [NEW, ESTABLISHED], jump: ACCEPT, comment: "ssh in" }
      register: i2
    - name: inserted first, a network and a negated protocol
      iptables: { chain: INPUT, action: insert, rule_num: "1", source: 10.9.0.0/16, protocol: "!udp", jump: ACCEPT }
      register: i3
    - name: several ports
      iptables: { chain: INPUT, protocol: tcp, destination_ports: ["80", "443", "8000:8100"], jump: ACCEPT }
      register: i4
    - name: logged (the LOG jump implied)
      iptables: { chain: INPUT, protocol: tcp, destination_port: "23", log_prefix: "telnet: ", log_level: info }
      register: i5
    - name: a chain of its own, made for its rule
      iptables: { chain: KPLAY, chain_management: true, source: 192.0.2.1, jump: DROP }
      register: i6
    - name: the forward policy
      iptables: { chain: FORWARD, policy: DROP }
      register: i7
    - name: the policy again - ok
      iptables: { chain: FORWARD, policy: DROP }
      register: i8
    - name: check mode - the ssh rule's removal predicted
      iptables: { chain: INPUT, protocol: tcp, destination_port: "22", ctstate: [NEW, ESTABLISHED], jump: ACCEPT, comment: "ssh in", state: absent }
      check_mode: true
      register: i9
    - name: masquerade in the nat table
      iptables: { table: nat, chain: POSTROUTING, out_interface: eth0, jump: MASQUERADE }
      register: i10
    - name: the ports rule removed
      iptables: { chain: INPUT, protocol: tcp, destination_ports: ["80", "443", "8000:8100"], jump: ACCEPT, state: absent }
      register: i11
    - name: its own chain flushed
      iptables: { chain: KPLAY, flush: true }
      register: i12
    - name: and deleted
      iptables: { chain: KPLAY, chain_management: true, state: absent }
      register: i13
    - name: deleted again - ok
      iptables: { chain: KPLAY, chain_management: true, state: absent }
      register: i14
    - name: logging with another jump
      iptables: { chain: INPUT, log_prefix: "x ", jump: ACCEPT }
      ignore_errors: true
      register: i15
    - copy:
        dest: /root/iptables-results
        content: |
          {% for r in [i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13, i14, i15] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.msg | default('') }} {{ r.rule | default('-') }} {{ r.chain | default('-') }}
          {% endfor %}
`;

it('iptables: rules appended, inserted, removed, logged, a chain of its own, a policy, nat and check mode, as ansible-playbook does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'iptables-pb-'));
  // the rules as iptables-save prints them, without its comments and counters
  const { kplay: all, ansible } = await comparePlaybook(info, info.inventory, join(dir, 'iptables.yml'), IPTABLES, "cat /root/iptables-results; echo ===; iptables-save | grep -v '^#' | sed 's/\\[[0-9]*:[0-9]*\\]//'");
  expect(all).toBe(ansible);
  expect(all).toContain('False True Logging options can only be used with the LOG jump target.');
  const k = all.slice(all.indexOf('===\n'));
  expect(k).toContain('-A INPUT -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW,ESTABLISHED -m comment --comment "ssh in" -j ACCEPT');
  expect(k).toContain(':FORWARD DROP');
  expect(k).toContain('-A POSTROUTING -o eth0 -j MASQUERADE');
  expect(k).not.toContain('KPLAY');
});

const LOCALES = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: locales }
    - name: generated
      locale_gen: { name: de_CH.UTF-8 }
      register: l1
    - name: again - ok
      locale_gen: { name: de_CH.UTF-8 }
      register: l2
    - name: check mode - another predicted
      locale_gen: { name: fr_FR.UTF-8 }
      check_mode: true
      register: l3
    - name: a locale not offered
      locale_gen: { name: xx_YY.UTF-8 }
      ignore_errors: true
      register: l4
    - name: generated, then removed
      locale_gen: { name: nl_NL.UTF-8 }
    - locale_gen: { name: nl_NL.UTF-8, state: absent }
      register: l5
    - copy:
        dest: /root/locale-results
        content: |
          {% for r in [l1, l2, l3, l4, l5] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.msg | default('-') }} {{ r.name | default('-') }}
          {% endfor %}
`;

it('locale_gen: generated, check mode, not offered, removed, as ansible-playbook does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'locale-pb-'));
  const { kplay: k, ansible } = await comparePlaybook(info, info.inventory, join(dir, 'locales.yml'), LOCALES, "cat /root/locale-results; locale -a; grep -v '^#' /etc/locale.gen");
  expect(k).toBe(ansible);
  expect(k).toContain('de_CH.utf8');
  expect(k).not.toContain('nl_NL.utf8');
  expect(k).toContain("False True The locale you've entered is not available on your system. -");
});

const ROLE_IDIOMS = `- hosts: all
  gather_facts: false
  tasks:
    - name: getent's table is a host fact, read through ansible_facts as roles do
      getent: { database: passwd, key: root, split: ":" }
    - name: an empty package list (a role's list for another OS) - ok, as Ansible's early exit
      apt: { name: [], state: latest }
    - package: { name: [], state: present }
    - user: { name: akuser }
    - name: keys without a comment, written as Ansible writes them
      authorized_key: { user: akuser, key: "{{ item }}" }
      loop: ["ssh-rsa ABC123", "ssh-rsa ABC1234 second  key"]
    - copy:
        dest: /root/idiom-results
        content: "{{ ansible_facts.getent_passwd.root[4] }} {{ getent_passwd.root[5] }}\\n"
`;

it("roles' idioms: getent through ansible_facts, empty package lists, keys without a comment, as ansible-playbook does", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'idioms-pb-'));
  const { kplay: k, ansible } = await comparePlaybook(info, info.inventory, join(dir, 'idioms.yml'), ROLE_IDIOMS, 'cat /root/idiom-results; cat -A /home/akuser/.ssh/authorized_keys');
  expect(k).toBe(ansible);
  expect(k).toBe('/root /bin/bash\nssh-rsa ABC123 $\nssh-rsa ABC1234 second key$\n');
});

// package_facts as a Debian role reads it: from apt, after an apt task (Ansible's apt module installs python3-apt for
// itself, which its package_facts needs for apt). The image's rpm, which EL hosts use, is not there: with it, Ansible
// picks rpm or apt at random.
const PACKAGE_FACTS = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: tree }
    - package_facts: { manager: auto }
    - copy:
        dest: /root/package-facts
        content: "{{ ansible_facts.packages['libpam-modules'][0].source }} {{ ansible_facts.packages['libpam-modules'][0].arch }}\\n"
`;

it('package_facts reads apt (no rpm tool or bindings, as on Debian), as ansible-playbook does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'package-facts-'));
  const { kplay: k, ansible } = await comparePlaybook(info, info.inventory, join(dir, 'package-facts.yml'), PACKAGE_FACTS, 'cat /root/package-facts; command -v rpm || echo no rpm; ls /usr/lib/python3/dist-packages/rpm 2>&1 | grep -c "No such"');
  expect(k).toBe(ansible);
  expect(k).toBe('apt amd64\nno rpm\n1\n');
});

// last in this file: it leaves ufw on, denying what it does not allow
const UFW = `- hosts: all
  gather_facts: false
  tasks:
    - apt: { name: ufw }
    - name: ssh allowed, before the firewall is on
      ufw: { rule: allow, port: "22", proto: tcp, comment: ssh }
      register: u1
    - name: again - ok
      ufw: { rule: allow, port: "22", proto: tcp, comment: ssh }
      register: u2
    - name: on, incoming denied
      ufw: { state: enabled, policy: deny }
      register: u3
    - name: again - ok
      ufw: { state: enabled, policy: deny }
      register: u4
    - name: a port rate-limited from a network
      ufw: { rule: limit, port: "2222", proto: tcp, from_ip: 10.9.0.0/16 }
      register: u5
    - name: check mode - a new rule predicted
      ufw: { rule: allow, port: "8080", proto: tcp }
      check_mode: true
      register: u6
    - name: check mode - a rule already there
      ufw: { rule: allow, port: "22", proto: tcp, comment: ssh }
      check_mode: true
      register: u7
    - name: logging
      ufw: { logging: medium }
      register: u8
    - name: logging again - ok
      ufw: { logging: medium }
      register: u9
    - name: outgoing allowed by default
      ufw: { default: allow, direction: outgoing }
      register: u10
    - name: the rate limit deleted
      ufw: { rule: limit, port: "2222", proto: tcp, from_ip: 10.9.0.0/16, delete: true }
      register: u11
    - name: a route rule between two interfaces
      ufw: { rule: allow, route: true, interface_in: eth0, interface_out: eth1 }
      register: u12
    - name: a default's direction on a rule
      ufw: { rule: allow, direction: incoming, port: "1" }
      ignore_errors: true
      register: u13
    - copy:
        dest: /root/ufw-results
        content: |
          {% for r in [u1, u2, u3, u4, u5, u6, u7, u8, u9, u10, u11, u12, u13] %}
          {{ r.changed }} {{ r.failed | default(false) }} {{ r.msg | default('') | regex_replace('\\\\n', '|') }}
          {% endfor %}
`;

it('ufw: rules, state, default policies, logging, delete, route rules and check mode, as ansible-playbook does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ufw-pb-'));
  const { kplay: k, ansible } = await comparePlaybook(info, info.inventory, join(dir, 'ufw.yml'), UFW, 'cat /root/ufw-results; echo ===; ufw status verbose');
  expect(k).toBe(ansible);
  const status = k.slice(k.indexOf('===\n'));
  expect(status).toContain('Status: active');
  expect(status).toMatch(/22\/tcp\s+ALLOW IN\s+Anywhere\s+# ssh/);
  expect(status).toMatch(/Anywhere on eth1\s+ALLOW FWD\s+Anywhere on eth0/);
  expect(status).not.toContain('2222');
  expect(k).toContain('For rules, direction must be one of "in" and "out", or direction must not be specified.');
});
