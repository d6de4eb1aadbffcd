// openssh_keypair: an SSH key pair made by the host's ssh-keygen (community.crypto.openssh_keypair, its opensshbin
// backend). The probes ask ssh-keygen about the key there; support/openssh-keypair-decide.ts decides as Ansible does.
import { Type, type Static } from '@sinclair/typebox';
import { defineModule, type Plan, type ResultData, type Step } from './contract.js';
import { checkMode, planAttrs } from './common/attrs.js';
import { groupParam, modeParam, ownerParam } from './common/file-params.js';
import { choice } from './common/schema.js';
import { contextSteps, contextStepsForNew, selinuxContextParams } from './common/selinux-context.js';
import { parseStat } from './common/stat.js';
import { decideKey, parseFingerprint, parsePublicKeyFile, wantedSize, type KeyType } from './support/openssh-keypair-decide.js';
import { homePath } from './support/home-path.js';
import { generateStep, removeStep, reportStep, restoreStep, REPORT_MARK } from './support/openssh-keypair-steps.js';

const params = Type.Object({
  path: Type.String({ description: 'The private key file; the public key is this path with .pub added.' }),
  type: choice(['rsa', 'dsa', 'rsa1', 'ecdsa', 'ed25519'], { description: 'The key algorithm.', default: 'rsa' }),
  size: Type.Optional(Type.Integer({ description: 'Bits: RSA at least 1024 (default 4096), DSA 1024, ECDSA 256, 384 or 521; ignored for Ed25519.' })),
  comment: Type.Optional(Type.String({ description: 'The comment of the key; changed in place without regenerating.' })),
  state: choice(['present', 'absent'], { description: 'Whether the key pair should exist.', default: 'present' }),
  force: Type.Boolean({ description: 'Regenerate the key even when it is as wanted (regenerate: always).', default: false }),
  regenerate: choice(['never', 'fail', 'partial_idempotence', 'full_idempotence', 'always'], {
    description: 'When an existing key is replaced: never; fail when it differs; when its type or size differs (partial_idempotence), also when it cannot be read (full_idempotence); always.',
    default: 'partial_idempotence',
  }),
  passphrase: Type.Optional(Type.String({ description: "Refused with backend auto: it would have to reach ssh-keygen's command line. Ignored with backend opensshbin, as Ansible ignores it there." })),
  private_key_format: choice(['auto', 'pkcs1', 'pkcs8', 'ssh'], { description: 'Only auto: ssh-keygen writes its own format.', default: 'auto' }),
  backend: choice(['auto', 'cryptography', 'opensshbin'], { description: 'auto and opensshbin run ssh-keygen; the cryptography backend is not available.', default: 'auto' }),
  mode: modeParam,
  owner: ownerParam,
  group: groupParam,
  ...selinuxContextParams,
});

type Params = Static<typeof params>;

// as common/stat.ts's statCommand prints it, for a path held in "$f"
const STAT = `{ test -e "$f" || test -h "$f"; } && stat -c '%F|%a|%U|%G|%u|%g|%s|%d:%i' -- "$f"`;

// as common/selinux-context.ts's contextProbe prints it, for a path held in "$f"
const CONTEXT = `if [ -e /sys/fs/selinux/enforce ]; then stat -L -c %C -- "$f" 2>/dev/null || echo missing; else echo off; fi`;

function wantsContext(p: Params): boolean {
  return [p.seuser, p.serole, p.setype, p.selevel].some((v) => v !== undefined && v !== '_default');
}

function probes(p: Params): Record<string, string> {
  const at = `p=${homePath(p.path)}`;
  return {
    where: `${at}; printf '%s\\n' "$p"; if test -d "$(dirname -- "$p")"; then echo basedir; else echo nobasedir; fi; if test -d "$p"; then echo isdir; else echo notdir; fi; if command -v ssh-keygen >/dev/null 2>&1; then echo keygen; else echo nokeygen; fi`,
    private_stat: `${at}; f=$p; ${STAT}`,
    public_stat: `${at}; f=$p.pub; ${STAT}`,
    fingerprint: `${at}; test -e "$p" || exit 3; ssh-keygen -l -f "$p" </dev/null`,
    derived: `${at}; test -e "$p" || exit 3; ssh-keygen -P '' -y -f "$p" </dev/null`,
    public_file: `${at}; test -e "$p.pub" || exit 3; cat -- "$p.pub"`,
    ...(wantsContext(p) ? { private_context: `${at}; f=$p; ${CONTEXT}`, public_context: `${at}; f=$p.pub; ${CONTEXT}` } : {}),
  };
}

/** The result as Ansible's module returns it: the wanted size and type, the key's fingerprint and public half. */
function result(path: string, type: KeyType, size: number, fingerprintOut: string | undefined, pubText: string | undefined): ResultData {
  const key = fingerprintOut === undefined ? undefined : parseFingerprint(fingerprintOut);
  const pub = pubText === undefined ? undefined : parsePublicKeyFile(pubText);
  return { size, type, filename: path, fingerprint: key?.fingerprint ?? '', public_key: pub ? `${pub.type} ${pub.data}` : '', comment: pub?.comment ?? '' };
}

/** Python's os.path.dirname(path) or '.' */
function parentOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) || '/' : '.';
}

const NO_KEYGEN = 'Cannot find the OpenSSH binary in the PATH';

/** Ansible's order of refusals: the backend, the size, the directory, the path, the key format. */
function refusal(p: Params, where: readonly string[]): string | undefined {
  const [path = '', baseDir, isDir, keygen] = where;
  if (p.backend === 'cryptography') return "kplay's openssh_keypair runs ssh-keygen: backend cryptography is not available (use auto or opensshbin)";
  if (p.backend === 'auto' && p.passphrase !== undefined && p.passphrase !== '') {
    return "kplay's openssh_keypair does not take a passphrase: Ansible's cryptography backend would use it, and ssh-keygen would need it on a command line that ps shows; make the key without one";
  }
  if (keygen !== 'keygen') return NO_KEYGEN;
  const size = wantedSize(p.type, p.size);
  if (typeof size !== 'number') return size.error;
  if (baseDir !== 'basedir') return `The directory ${parentOf(path)} does not exist or the file is not a directory`;
  if (isDir === 'isdir') return `${path} is a directory. Please specify a path to a file.`;
  if (p.private_key_format !== 'auto') return "'auto' is the only valid option for 'private_key_format' when 'backend' is not 'cryptography'";
  return checkMode(p.mode);
}

export const opensshKeypairModule = defineModule({
  name: 'openssh_keypair',
  aliases: ['community.crypto.openssh_keypair'],
  short: 'Generate an OpenSSH private and public key with ssh-keygen',
  params,
  checkMode: 'plan',
  examples: `- name: The deploy user's key
  openssh_keypair:
    path: /home/deploy/.ssh/id_ed25519
    type: ed25519
    owner: deploy
    group: deploy
`,
  probe: (p) => probes(p),
  plan(p, observed): Plan {
    const where = (observed.where?.stdout ?? '').split('\n');
    const refused = refusal(p, where);
    if (refused !== undefined) {
      // Ansible names the missing directory in the result
      const data = refused.startsWith('The directory ') ? { name: parentOf(where[0] ?? p.path) } : undefined;
      return { kind: 'fail', msg: refused, missingPrerequisite: refused === NO_KEYGEN ? 'run ssh-keygen' : undefined, data };
    }
    const path = where[0] ?? p.path;
    const size = wantedSize(p.type, p.size) as number;
    const privateExists = observed.fingerprint?.code !== 3;
    const publicExists = observed.public_file?.code !== 3;
    const fingerprintOut = privateExists ? observed.fingerprint?.stdout : undefined;
    const pubText = publicExists ? observed.public_file?.stdout : undefined;
    const data = result(path, p.type, size, fingerprintOut, pubText);
    if (p.state === 'absent') {
      if (!privateExists && !publicExists) return { kind: 'ok', reason: `no key pair at ${path}`, data };
      return { kind: 'change', summary: `remove the key pair at ${path}`, steps: [removeStep(path)], data };
    }
    const decision = decideKey(
      {
        privateExists,
        privateKey: fingerprintOut === undefined ? undefined : parseFingerprint(fingerprintOut),
        derived: observed.derived ?? { code: 3, stdout: '', stderr: '' },
        publicKey: pubText === undefined ? undefined : parsePublicKeyFile(pubText),
      },
      { type: p.type, size, comment: p.comment, regenerate: p.force ? 'always' : p.regenerate },
    );
    if (decision.kind === 'fail') return { kind: 'fail', msg: decision.msg };
    const steps: Step[] = [];
    const changes: string[] = [];
    if (decision.kind === 'generate') {
      steps.push(generateStep(path, p.type, size, p.comment ?? ''));
      changes.push(privateExists ? `regenerate the ${p.type} key ${path}` : `generate the ${p.type} key ${path}`);
    } else if (decision.kind === 'restore') {
      steps.push(restoreStep(path, decision.line, p.comment));
      changes.push(`write the public key ${path}.pub`);
    }
    // a file about to be replaced keeps its mode, owner and context (Ansible's atomic_move); a new one gets them all
    for (const [file, stat, context, exists] of [
      [path, observed.private_stat, observed.private_context, privateExists],
      [`${path}.pub`, observed.public_stat, observed.public_context, publicExists],
    ] as const) {
      const attrs = planAttrs(file, { mode: p.mode, owner: p.owner, group: p.group }, exists ? parseStat(stat) : undefined);
      const relabel = exists ? contextSteps(file, p, context) : contextStepsForNew(file, p, context);
      steps.push(...attrs.steps, ...relabel);
      changes.push(...attrs.changes.map((c) => `${c} (${file})`), ...(relabel.length > 0 ? [`SELinux context (${file})`] : []));
    }
    if (steps.length === 0) return { kind: 'ok', reason: `the ${p.type} key pair at ${path} is as wanted`, data };
    if (decision.kind !== 'keep') steps.push(reportStep(path));
    return { kind: 'change', summary: changes.join(', '), steps, data };
  },
  finish(_p, outputs) {
    const report = outputs.find((o) => o.step.describe.startsWith('read the key pair'));
    if (report === undefined) return {};
    const at = report.stdout.indexOf(REPORT_MARK);
    const fingerprintOut = at < 0 ? report.stdout : report.stdout.slice(0, at);
    const pubText = at < 0 ? undefined : report.stdout.slice(at + REPORT_MARK.length);
    const key = parseFingerprint(fingerprintOut);
    const pub = pubText === undefined ? undefined : parsePublicKeyFile(pubText);
    return { data: { fingerprint: key?.fingerprint ?? '', public_key: pub ? `${pub.type} ${pub.data}` : '', comment: pub?.comment ?? '' } };
  },
});
