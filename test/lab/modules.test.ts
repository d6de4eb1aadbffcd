// Every module on real lab hosts (issue [5] point 8 and its acceptance): --check predicts the change and the host
// stays as it was, the run changes it as asked (checked through plain OpenSSH: rpm, systemctl, virsh, stat), the
// rerun changes nothing; bad parameters stop the run with located errors before any connection. One lab of two
// full hosts: h-vmx runs the acceptance playbook, h-none (no vmx/svm: emulated guests only) every other module.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kplay, kplayJson, type JsonRun } from './support/cli.js';
import { useLab } from './support/lab.js';
import { fingerprint, hostResults, onHost, resultOf, statusLines } from './support/modules.js';

const DIR = 'test/fixtures/modules';
const BASE = '/srv/kplay-mods';
const VIRSH = 'virsh -c qemu:///system';

/** What modules.yml and remove.yml manage on the host, read-only; equal output: nothing changed. */
const MODULES_STATE = `
rpm -q --qf '%{NAME} %{VERSION}-%{RELEASE} %{INSTALLTIME}\\n' kplay-demo kplay-demo-service qemu-kvm libvirt libvirt-client
for u in kplay-demo libvirtd; do systemctl show -p LoadState,ActiveState,UnitFileState,ActiveEnterTimestampMonotonic,MainPID $u; done
find ${BASE} -printf '%p %y %m %u:%g %s %i %T@ %l\\n' 2>&1 | sort
if command -v virsh >/dev/null; then
  ${VIRSH} list --all --name; ${VIRSH} net-list --all --name
  ${VIRSH} domid kplay-mods-vm 2>&1; ${VIRSH} dominfo kplay-mods-vm 2>&1 | grep -E '^(UUID|State|Autostart|Persistent)'
  ${VIRSH} dumpxml --inactive kplay-mods-vm 2>&1 | sha256sum; ${VIRSH} net-info kplaynet 2>&1
else echo no virsh; fi
`;

/** What acceptance.yml manages. */
const ACCEPTANCE_STATE = `
rpm -q --qf '%{NAME} %{INSTALLTIME}\\n' qemu-kvm qemu-img libvirt libvirt-client python3-libvirt virt-install
systemctl show -p LoadState,ActiveState,UnitFileState,ActiveEnterTimestampMonotonic,MainPID libvirtd
find /etc/kplay-kvm -printf '%p %y %m %s %i %T@\\n' 2>&1 | sort
if command -v virsh >/dev/null; then ${VIRSH} list --all --name; ${VIRSH} domid accept-vm 2>&1; ${VIRSH} dumpxml --inactive accept-vm 2>&1 | sha256sum; else echo no virsh; fi
`;

const ACCEPTANCE_PACKAGES = ['qemu-kvm', 'qemu-img', 'libvirt', 'libvirt-client', 'python3-libvirt', 'virt-install'];

/** modules.yml: every task that changes a fresh host (the raw task cannot predict: skipped under --check). */
const MODULE_TASKS: readonly (readonly [task: string, checkMsg: RegExp])[] = [
  ['yum installs packages in one transaction', /kplay-demo-service.*qemu-kvm.*libvirt.*libvirt-client/],
  ['package installs through the pkg_mgr fact', /kplay-demo/],
  ['systemd starts and enables the units the packages brought', /kplay-demo|libvirtd/],
  ['file makes a directory', /\/srv\/kplay-mods/],
  ['copy writes inline content', /copy\.txt/],
  ['copy sends a file from files/', /payload\.txt/],
  ['file sets the mode of an existing file', /payload\.txt/],
  ['template renders from templates/', /mods\.conf/],
  ['lineinfile adds a line', /lines\.conf/],
  ['file links', /current\.conf/],
  ['command once', /.+/],
  ['shell once', /.+/],
  ['virt_net defines, starts and autostarts a network', /kplaynet/],
  ['virt defines a diskless emulated guest and starts it', /kplay-mods-vm/],
];

const REMOVE_TASKS = [
  'virt pauses the guest',
  'virt shuts a guest down, forcing it off',
  'virt undefines the guest',
  'virt_net stops and undefines the network',
  'service stops and disables the unit',
  'dnf removes a package',
  'lineinfile removes the line',
  'file removes a link',
  'copy replaces content, keeping a backup',
];

/** A run must not fail or be unreachable anywhere; its task lines are shown when it does. */
function expectClean(r: JsonRun, host: string): void {
  expect(r.code, `${r.stderr}\n${statusLines(r, host).join('\n')}`).toBe(0);
  expect(r.recap[host], statusLines(r, host).join('\n')).toMatchObject({ failed: 0, unreachable: 0 });
}

describe('every module on a 2-host lab (cpu vmx, none)', () => {
  let vmx: string;
  let plain: string;
  const info = useLab({
    name: 'mods',
    count: 2,
    kind: 'full',
    cpu: ['vmx', 'none'],
    ready: (lab) => {
      vmx = lab.hosts.find((h) => h.cpu === 'vmx')?.name ?? '';
      plain = lab.hosts.find((h) => h.cpu === 'none')?.name ?? '';
      expect(vmx).not.toBe('');
      expect(plain).not.toBe('');
    },
    teardownTimeout: 900_000,
  });
  const run = (playbook: string, ...extra: string[]) => kplayJson(`${DIR}/${playbook}`, '-i', info.inventory, ...extra);
  const on = (host: string, cmd: string) => onHost(info, host, cmd);

  it('bad parameters of every module: exit 5, each located at file:line:col, before any connection', async () => {
    const inventory = `${DIR}/unreachable.ini`;
    // the control: a valid playbook against the same inventory really tries to connect, and cannot
    const control = await kplay('run', `${DIR}/package-facts.yml`, '-i', inventory, '--private-key', info.keyPath);
    expect(control.code, control.stdout + control.stderr).toBe(4);

    const r = await kplay('run', `${DIR}/bad-params.yml`, '-i', inventory, '--private-key', info.keyPath);
    expect(r.code, r.stderr).toBe(5);
    expect(r.stdout).not.toMatch(/PLAY|TASK|UNREACHABLE/);
    const lines = readFileSync(`${DIR}/bad-params.yml`, 'utf8').split('\n');
    // [a text on the faulty line, the token the error points at, words the message must hold]
    const expected: readonly [string, string, RegExp][] = [
      ['cpuflags:', 'al_of', /unknown parameter "al_of"[\s\S]*did you mean "all_of"/],
      ['yum:', 'installd', /must be one of present, installed[\s\S]*did you mean "installed"/],
      ['dnf:', 'maybe', /update_cache.*boolean/],
      ['service:', 'start }', /did you mean "started"/],
      ['systemd:', 'sometimes', /enabled.*boolean/],
      ['state: runing', 'runing', /did you mean "running"/],
      ['shutdown_timeout', '-1', /at least 0/],
      ['virt_net:', 'up }', /must be one of present, active, inactive, absent/],
      ['command:', '[a, b]', /strip_empty_ends.*boolean/],
      ['shell:', 'shell', /missing required parameter "cmd"/],
      ['raw:', 'raw', /missing required parameter "cmd"/],
      ['copy: { content: x }', 'copy', /missing required parameter "dest"/],
      ['src: a.txt', 'content', /src and content cannot be used together/],
      ['template:', 'template', /missing required parameter "src"/],
      ['state: folder', 'folder', /must be one of absent, directory, file/],
      ['package:', 'newest', /must be one of present, installed, latest/],
      ['lineinfile:', 'insertbefore', /insertafter and insertbefore cannot be used together/],
      ['debug:', 'loud', /verbosity.*whole number/],
      ['assert:', 'assert', /missing required parameter "that"/],
      ['assert:', 'that_', /unknown parameter "that_"/],
      ['fail:', 'message', /unknown parameter "message"[\s\S]*msg/],
      ['meta:', 'flush_handler', /did you mean "flush_handlers"/],
    ];
    const blocks = r.stderr.split(/^(?=ERROR: )/m).filter((b) => b.startsWith('ERROR: '));
    for (const [lineText, token, words] of expected) {
      const index = lines.findIndex((l) => l.includes(lineText));
      expect(index, lineText).toBeGreaterThanOrEqual(0);
      const at = `${DIR}/bad-params.yml:${index + 1}:${(lines[index] ?? '').indexOf(token) + 1}:`;
      const block = blocks.find((b) => b.startsWith(`ERROR: ${at}`) && words.test(b));
      expect(block, `${at} ${String(words)}\n${r.stderr}`).toBeDefined();
    }
    expect(blocks.length).toBe(expected.length);
    expect(r.stderr).toMatch(new RegExp(`${expected.length} problems found; nothing was run`));
  });

  it('real failures, with no earlier change to excuse them, fail under --check as in the run, with plain messages', async () => {
    const failures: readonly [task: string, msg: RegExp][] = [
      ['service of a unit no package provides', /could not find the requested service kplay-no-such-unit/],
      ['yum of a package no repository has', /^Failed to install some of the specified packages$/],
      ['virt of an undefined guest without xml', /virsh was not found.*libvirt-client/],
      ['file with a mode that is no mode', /mode must be in octal or symbolic form.*u=rwz/],
      ['copy of a file files/ does not have', /Could not find or access 'no-such-file\.txt'/],
      ['lineinfile on a missing file without create', /\/tmp\/kplay-no-such-dir\/x\.conf does not exist/],
    ];
    const before = await fingerprint(info, plain, MODULES_STATE);
    for (const mode of [['--check'], []]) {
      const r = await run('failures.yml', '--limit', plain, ...mode);
      expect(r.code, r.stderr).toBe(0);
      for (const [task, msg] of failures) {
        const res = resultOf(r, plain, task);
        expect(res, `${mode.join('')} ${task}: ${res.msg ?? ''}`).toMatchObject({ status: 'failed', ignored: true });
        expect(res.msg, task).toMatch(msg);
        expect(res.predicted, task).toBeUndefined();
      }
      expect(r.recap[plain]).toMatchObject({ changed: 0, ignored: failures.length });
    }
    expect(await fingerprint(info, plain, MODULES_STATE)).toBe(before);
  });

  describe('mutating modules on the host without vmx/svm', () => {
    it('--check predicts every change, marked predicted, and the host stays as it was', async () => {
      const before = await fingerprint(info, plain, MODULES_STATE);
      expect(before).toMatch(/package kplay-demo is not installed/);
      const r = await run('modules.yml', '--limit', plain, '--check');
      expectClean(r, plain);
      for (const [task, msg] of MODULE_TASKS) {
        for (const res of hostResults(r, plain).filter((e) => e.task === task)) {
          expect(res.status, `${task}: ${res.msg ?? ''}`).toBe('changed');
          expect(res.predicted, task).toBe(true);
          expect(res.msg, task).toMatch(msg);
        }
      }
      expect(resultOf(r, plain, 'raw reports what it did').status).toBe('skipped');
      // the loop counts once: 14 tasks would change
      expect(r.recap[plain]).toMatchObject({ changed: MODULE_TASKS.length, skipped: 1 });
      expect(await fingerprint(info, plain, MODULES_STATE)).toBe(before);
    });

    it('the run makes every change, and the host is as asked', async () => {
      const r = await run('modules.yml', '--limit', plain);
      expectClean(r, plain);
      expect(r.recap[plain]?.changed, statusLines(r, plain).join('\n')).toBe(MODULE_TASKS.length + 1);
      for (const res of hostResults(r, plain)) expect(res.predicted, res.task).toBeUndefined();
      const yum = resultOf(r, plain, 'yum installs packages in one transaction');
      expect(JSON.stringify(yum.detail)).toMatch(/kplay-demo-service/);

      expect(await on(plain, 'rpm -q kplay-demo kplay-demo-service qemu-kvm libvirt libvirt-client >/dev/null; echo $?')).toBe('0');
      expect(await on(plain, 'systemctl is-active kplay-demo libvirtd')).toBe('active\nactive');
      expect(await on(plain, 'systemctl is-enabled kplay-demo libvirtd')).toBe('enabled\nenabled');
      const stat = (p: string) => on(plain, `stat -c '%F %a %U %G' ${BASE}/${p}`);
      expect(await stat('')).toBe('directory 750 deploy deploy');
      expect(await stat('copy.txt')).toBe('regular file 640 deploy root');
      expect(await on(plain, `cat ${BASE}/copy.txt`)).toBe('hello; `world` *');
      expect(await stat('payload.txt')).toBe('regular file 604 root root');
      expect(await on(plain, `cat ${BASE}/payload.txt`)).toBe(readFileSync(`${DIR}/files/payload.txt`, 'utf8').trim());
      expect(await stat('mods.conf')).toBe('regular file 644 root root');
      expect(await on(plain, `cat ${BASE}/mods.conf`)).toBe(`# managed by kplay (${plain})\ngreeting = hello; \`world\` *\nlisten = 8080\nlisten = 8443`);
      expect(await stat('lines.conf')).toBe('regular file 600 root root');
      expect(await on(plain, `cat ${BASE}/lines.conf`)).toBe('key=value');
      expect(await on(plain, `readlink ${BASE}/current.conf`)).toBe('mods.conf');
      expect(await on(plain, `test -f ${BASE}/command.marker && test -f ${BASE}/raw.marker && cat ${BASE}/shell.out`)).toBe('root 42');
      expect(await on(plain, `${VIRSH} domstate kplay-mods-vm`)).toBe('running');
      expect(await on(plain, `${VIRSH} dominfo kplay-mods-vm`)).toMatch(/Autostart:\s+enable/);
      const net = await on(plain, `${VIRSH} net-info kplaynet`);
      expect(net).toMatch(/Active:\s+yes/);
      expect(net).toMatch(/Autostart:\s+yes/);
      expect(net).toMatch(/Bridge:\s+br-kplay/);
    });

    it('the rerun changes nothing: every task ok with its reason, the host exactly as before', async () => {
      const before = await fingerprint(info, plain, MODULES_STATE);
      const r = await run('modules.yml', '--limit', plain, '-v');
      expectClean(r, plain);
      expect(r.recap[plain]?.changed, statusLines(r, plain).join('\n')).toBe(0);
      for (const res of hostResults(r, plain)) {
        expect(res.status, `${res.task}: ${res.msg ?? ''}`).toBe('ok');
        if (res.task !== 'Gathering Facts') expect(res.msg, res.task).toMatch(/\S/);
        // --json from -v on says what ran: reads only (the probes), whose output the reason rests on; the result
        // itself holds only what the module returned
        if (res.task !== 'Gathering Facts') {
          expect(Array.isArray(res.commands), res.task).toBe(true);
          expect(res.detail?.commands, res.task).toBeUndefined();
        }
      }
      expect(resultOf(r, plain, 'yum installs packages in one transaction').msg).toMatch(/installed/);
      expect(resultOf(r, plain, 'virt defines a diskless emulated guest and starts it').msg).toMatch(/kplay-mods-vm.*running/);
      expect(await fingerprint(info, plain, MODULES_STATE)).toBe(before);
    });
  });

  it('read-only and controller modules give the same answers with and without --check, and never change', async () => {
    for (const mode of [['--check'], []]) {
      const r = await run('readonly.yml', '-e', `mods_host=${plain}`, ...mode);
      expect(r.code, `${mode.join(' ')}\n${statusLines(r, plain).join('\n')}\n${r.stderr}`).toBe(0);
      const cpuOk = resultOf(r, vmx, 'cpuflags requires VT-x or AMD-V');
      expect(cpuOk.status).toBe('ok');
      expect(cpuOk.detail).toMatchObject({ virtualization: 'vmx', kvm_device: false });
      expect(typeof cpuOk.detail?.vendor).toBe('string');
      const cpuBad = resultOf(r, plain, 'cpuflags requires VT-x or AMD-V');
      expect(cpuBad).toMatchObject({ status: 'failed', ignored: true });
      expect(cpuBad.msg).toMatch(/vmx/);
      expect(cpuBad.msg).toMatch(/svm/);
      expect(cpuBad.msg).toMatch(/BIOS|firmware/);
      expect(resultOf(r, vmx, 'debug shows it').detail?.msg).toBe(`${vmx}: vmx`);
      expect(resultOf(r, plain, 'debug shows it').detail?.msg).toBe(`${plain}: none`);
      for (const h of [vmx, plain]) {
        expect(resultOf(r, h, 'assert holds')).toMatchObject({ status: 'ok', msg: 'cpu consistent' });
        expect(resultOf(r, h, 'fail is skipped when its condition is false').status).toBe('skipped');
        expect(resultOf(r, h, 'fail fails, ignored')).toMatchObject({ status: 'failed', ignored: true, msg: `deliberate failure on ${h}` });
      }
      expect(resultOf(r, plain, 'the answers agree with what modules.yml made').status).toBe('ok');
      expect(resultOf(r, plain, 'virt_net list_nets').detail?.list_nets).toContain('kplaynet');
      expect(r.recap[vmx]).toMatchObject({ changed: 0, failed: 0, ignored: 1 });
      expect(r.recap[plain]).toMatchObject({ changed: 0, failed: 0, ignored: 2 });
    }
  });

  it('restarted always reports changed, and really restarts', async () => {
    const pid = () => on(plain, 'systemctl show -p MainPID --value kplay-demo');
    for (let round = 0; round < 2; round++) {
      const before = await pid();
      const r = await run('always.yml', '--limit', plain);
      expectClean(r, plain);
      expect(resultOf(r, plain, 'restart').status).toBe('changed');
      const after = await pid();
      expect(after).not.toBe('0');
      expect(after).not.toBe(before);
    }
  });

  it('meta: flush_handlers runs handlers at once; end_host ends only the hosts whose condition holds, for this play only', async () => {
    const r = await run('meta.yml', '-e', `end_on=${plain}`);
    expect(r.code, r.stderr).toBe(0);
    expect(resultOf(r, vmx, 'note').status).toBe('ok');
    for (const h of [vmx, plain]) expect(resultOf(r, h, 'the handler ran before this task').status).toBe('ok');
    expect(resultOf(r, vmx, 'after end_host').status).toBe('ok');
    expect(hostResults(r, plain).some((e) => e.task === 'after end_host')).toBe(false);
    for (const h of [vmx, plain]) expect(resultOf(r, h, 'next play').detail?.msg).toBe(`${h} in the next play`);
  });

  describe('removing states on the host without vmx/svm', () => {
    it('--check predicts the removals and the host stays as it was', async () => {
      const before = await fingerprint(info, plain, MODULES_STATE);
      const r = await run('remove.yml', '--limit', plain, '--check', '--diff');
      expectClean(r, plain);
      const diff = (resultOf(r, plain, 'copy replaces content, keeping a backup') as { diff?: { before: string; after: string } }).diff;
      expect(diff).toMatchObject({ before: 'hello; `world` *\n', after: 'replaced\n' });
      for (const task of REMOVE_TASKS) expect(resultOf(r, plain, task), task).toMatchObject({ status: 'changed', predicted: true });
      expect(r.recap[plain]?.changed).toBe(REMOVE_TASKS.length);
      expect(await fingerprint(info, plain, MODULES_STATE)).toBe(before);
    });

    it('the run removes, and the host is as asked', async () => {
      const r = await run('remove.yml', '--limit', plain);
      expectClean(r, plain);
      for (const task of REMOVE_TASKS) expect(resultOf(r, plain, task).status, task).toBe('changed');
      expect(await on(plain, `${VIRSH} list --all --name`)).not.toMatch(/kplay-mods-vm/);
      expect(await on(plain, `${VIRSH} net-list --all --name`)).not.toMatch(/kplaynet/);
      expect(await on(plain, 'systemctl is-active kplay-demo; systemctl is-enabled kplay-demo')).toBe('inactive\ndisabled');
      expect(await on(plain, 'rpm -q kplay-demo kplay-demo-service')).toMatch(/package kplay-demo is not installed\nkplay-demo-service-1\.0/);
      expect(await on(plain, `cat ${BASE}/lines.conf`)).toBe('');
      expect(await on(plain, `test -L ${BASE}/current.conf || test -e ${BASE}/current.conf; echo $?`)).toBe('1');
      expect(await on(plain, `cat ${BASE}/copy.txt`)).toBe('replaced');
      expect(await on(plain, `cat ${BASE}/copy.txt.*~`)).toBe('hello; `world` *');
    });

    it('the rerun changes nothing', async () => {
      const before = await fingerprint(info, plain, MODULES_STATE);
      const r = await run('remove.yml', '--limit', plain);
      expectClean(r, plain);
      expect(r.recap[plain]?.changed, statusLines(r, plain).join('\n')).toBe(0);
      expect(await fingerprint(info, plain, MODULES_STATE)).toBe(before);
    });
  });

  describe('acceptance: CPU check, KVM packages, libvirtd, a templated config, a diskless guest (on the vmx host)', () => {
    const CHANGES = ['KVM packages', 'libvirtd runs now and on boot', 'A directory for our settings', 'Our settings, from a template', 'A diskless guest, defined and running'];

    it('--check before the first run exits 0, predicts those changes and changes nothing', async () => {
      const before = await fingerprint(info, vmx, ACCEPTANCE_STATE);
      expect(before).toMatch(/no virsh/);
      const r = await run('acceptance.yml', '--limit', vmx, '--check');
      expectClean(r, vmx);
      expect(resultOf(r, vmx, 'The CPU supports hardware virtualization').status).toBe('ok');
      for (const task of CHANGES) expect(resultOf(r, vmx, task), task).toMatchObject({ status: 'changed', predicted: true });
      expect(r.recap[vmx]?.changed).toBe(CHANGES.length);
      expect(await fingerprint(info, vmx, ACCEPTANCE_STATE)).toBe(before);
    });

    it('the first run reports the changes and the host runs the guest', async () => {
      const r = await run('acceptance.yml', '--limit', vmx);
      expectClean(r, vmx);
      for (const task of CHANGES) expect(resultOf(r, vmx, task).status, task).toBe('changed');
      expect(r.recap[vmx]?.changed).toBe(CHANGES.length);
      expect(await on(vmx, `rpm -q ${ACCEPTANCE_PACKAGES.join(' ')} >/dev/null; echo $?`)).toBe('0');
      expect(await on(vmx, 'systemctl is-active libvirtd; systemctl is-enabled libvirtd')).toBe('active\nenabled');
      expect(await on(vmx, 'cat /etc/kplay-kvm/kvm.conf')).toBe(`# kvm settings for ${vmx} (written by kplay)\nuri = qemu:///system\nguest = accept-vm\nmemory_mib = 64`);
      expect(await on(vmx, `${VIRSH} domstate accept-vm`)).toBe('running');
      expect(await on(vmx, `${VIRSH} dominfo accept-vm`)).toMatch(/Max memory:\s+65536 KiB/);
      expect(await on(vmx, `${VIRSH} domblklist accept-vm | tail -n +3`)).toBe('');
    });

    it('the second run reports changed=0 and the host is exactly as before', async () => {
      const before = await fingerprint(info, vmx, ACCEPTANCE_STATE);
      const r = await run('acceptance.yml', '--limit', vmx);
      expectClean(r, vmx);
      expect(r.recap[vmx]?.changed, statusLines(r, vmx).join('\n')).toBe(0);
      expect(await fingerprint(info, vmx, ACCEPTANCE_STATE)).toBe(before);
    });
  });

  it('package gathers the facts it needs even with gather_facts: false', async () => {
    const r = await run('package-facts.yml', '--limit', vmx, '--check');
    expect(resultOf(r, vmx, 'package'), r.stderr).toMatchObject({ status: 'changed', predicted: true });
    expect(resultOf(r, vmx, 'package').msg).toMatch(/kplay-demo/);
  });
});
