// The commands openssh_keypair runs: ssh-keygen into a private directory beside the key, then each file renamed
// into place (an existing file's mode and owner carried over, as Ansible's atomic_move does); the public key file
// written again from the private key; the pair removed; and a last read of what is there for the result.
import { sh } from '../../engine/core/quote.js';
import type { Step } from '../contract.js';
import type { KeyType } from './openssh-keypair-decide.js';

export const REPORT_MARK = '### kplay public key file\n';

/** Move "$1" over "$2", giving it the mode and owner of the file it replaces, if there is one. */
const PLACE = `place() { if test -e "$2"; then chmod --reference="$2" -- "$1" && chown --reference="$2" -- "$1"; fi && mv -f -- "$1" "$2"; }`;

export function generateStep(path: string, type: KeyType, size: number, comment: string): Step {
  const keygen = sh`ssh-keygen -q -N '' -b ${size} -t ${type} -f "$d/key" -C ${comment}`;
  const cmd = [
    'set -e',
    sh`p=${path}`,
    PLACE,
    'd=$(mktemp -d -- "$(dirname -- "$p")/.kplay-keygen.XXXXXX")',
    `trap 'rm -rf -- "$d"' EXIT`,
    `${keygen} </dev/null`,
    'place "$d/key" "$p"',
    'place "$d/key.pub" "$p.pub"',
  ].join('\n');
  return { cmd, describe: `generate a ${size}-bit ${type} key pair at ${path}` };
}

/** The public key file written from the private key's public half; then, with a comment, ssh-keygen -c sets it. */
export function restoreStep(path: string, line: string, comment: string | undefined): Step {
  const lines = [
    'set -e',
    sh`p=${path}`,
    PLACE,
    't=$(mktemp -- "$p.pub.XXXXXX")',
    `trap 'rm -f -- "$t"' EXIT`,
    'cat > "$t"',
    // a new file gets 0644 less the umask, as Ansible's secure_write gives it
    'test -e "$p.pub" || chmod "$(printf \'%o\' $((0644 & ~0$(umask))))" -- "$t"',
    'place "$t" "$p.pub"',
  ];
  if (comment !== undefined && comment !== '') {
    lines.push('test -w "$p" || chmod 600 -- "$p"', `${sh`ssh-keygen -q -o -c -C ${comment} -f "$p"`} </dev/null`);
  }
  return { cmd: lines.join('\n'), stdin: line, describe: `write the public key ${path}.pub` };
}

export function removeStep(path: string): Step {
  return { cmd: sh`rm -f -- ${path} ${`${path}.pub`}`, describe: `remove the key pair at ${path}` };
}

/** What the result reports after a change: ssh-keygen's fingerprint line, the mark, the public key file. */
export function reportStep(path: string): Step {
  return {
    cmd: `${sh`ssh-keygen -l -f ${path}`} </dev/null || true; printf '%s' ${sh`${REPORT_MARK}`}; ${sh`cat -- ${`${path}.pub`}`} || true`,
    describe: `read the key pair at ${path}`,
  };
}
