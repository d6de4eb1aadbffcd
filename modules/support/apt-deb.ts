// apt's `deb`: a .deb file on the host, installed (with its dependencies, by apt-get) unless the package it holds
// is installed at its version already. One probe reads the file's Package/Version and the installed version.
import { sh } from '../../engine/core/quote.js';
import type { Observed, Plan } from '../contract.js';
import { aptInstallCommand, type AptGetOptions } from './apt-get-command.js';

// ${...} are dpkg's field names: the formats reach dpkg single-quoted, so the shell leaves them alone
const DEB_FIELDS = '${Package}\t${Version}\n';
const STATUS = '${Status}\t${Version}\n';

export function debProbe(file: string): string {
  return `${sh`f=${file}`}; p=$(dpkg-deb --show --showformat=${sh`${DEB_FIELDS}`} -- "$f") || exit 3; printf '%s\\n' "$p"; dpkg-query -W -f=${sh`${STATUS}`} -- "\${p%%\t*}" 2>/dev/null || true`;
}

/** The plan for `deb:` from what debProbe printed; `describe` is the transaction's, for the apt finish. */
export function planDeb(file: string, options: AptGetOptions, observed: Observed, describe: string): Plan {
  if (/^[a-z]+:\/\//.test(file)) return { kind: 'fail', msg: `deb: kplay installs a .deb already on the host; download ${file} first (get_url)` };
  const out = observed.deb;
  if (out === undefined || out.code !== 0) return { kind: 'fail', msg: `Unable to install package: ${file} is not a readable .deb file${out?.stderr.trim() ? ` (${out.stderr.trim()})` : ''}` };
  const [head = '', status = ''] = out.stdout.split('\n');
  const [name = '', version = ''] = head.split('\t');
  const [state = '', installed = ''] = status.split('\t');
  if (/ installed$/.test(state) && installed === version) return { kind: 'ok', reason: `${name} ${version} is installed` };
  // an absolute path (or ./name) makes apt-get take the argument as a file, not a package name
  const path = file.startsWith('/') ? file : `./${file}`;
  return { kind: 'change', summary: `install ${name} ${version} from ${file}`, steps: [{ cmd: aptInstallCommand(options, [path]), describe }] };
}
