// A path parameter of Ansible's type 'path' as the host's shell should see it: a leading ~ is the remote user's home
// (Ansible expands it on the host); the rest is quoted.
import { sh } from '../../engine/core/quote.js';

export function homePath(path: string): string {
  if (path === '~') return '"$HOME"';
  return path.startsWith('~/') ? `"$HOME"/${sh`${path.slice(2)}`}` : sh`${path}`;
}
