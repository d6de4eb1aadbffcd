// The file modules on a lab host against Ansible's: stat's whole dict (file, link, directory, device, missing path), slurp's content.
import { describe, expect, it } from 'vitest';
import { kplay, runCommand } from './support/cli.js';
import { labSsh, useLab } from './support/lab.js';

const SETUP = [
  'rm -rf /srv/fm && mkdir -p /srv/fm/dir',
  "printf 'hello\\n' > /srv/fm/f && chmod 0640 /srv/fm/f && chown deploy /srv/fm/f",
  'ln -s f /srv/fm/l && ln -s nope /srv/fm/dangling',
  "printf '\\000\\001' > '/srv/fm/-odd name'",
].join(' && ');

// the times a read may move (Ansible reads the file for its checksum and file(1), then kplay reads it again)
const statOf = (text: string): Record<string, unknown> => {
  const { atime: _a, ctime: _c, ...rest } = (JSON.parse(text.slice(text.indexOf('{'))) as { stat: Record<string, unknown> }).stat;
  return rest;
};

describe('file modules against ansible on a lab host', () => {
  const lab = useLab({
    name: 'fmod',
    count: 1,
    ready: async (info) => {
      const r = await labSsh(info, 'h1', SETUP);
      expect(r.code, r.stderr).toBe(0);
    },
  });

  it.each([
    'path=/srv/fm/f',
    'path=/srv/fm/f checksum_algorithm=sha256 get_mime=false',
    'path=/srv/fm/l',
    'path=/srv/fm/l follow=true',
    'path=/srv/fm/dangling',
    'path=/srv/fm/dangling follow=true',
    'path=/srv/fm/dir',
    "path='/srv/fm/-odd name'",
    'path=/dev/null',
    'path=/srv/fm/missing',
  ])('stat %s: the same dict as Ansible', async (args) => {
    const adhoc = ['h1', '-i', lab.inventory, '-m', 'stat', '-a', args];
    const a = await runCommand(['ansible', ...adhoc], { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' });
    const k = await kplay('adhoc', ...adhoc);
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(k.code, k.stdout + k.stderr).toBe(0);
    expect(statOf(k.stdout)).toEqual(statOf(a.stdout));
  });

  it.each(['src=/srv/fm/f', "src='/srv/fm/-odd name'", 'path=/srv/fm/dir', 'src=/srv/fm/missing'])('slurp %s: the same content or message as Ansible', async (args) => {
    const adhoc = ['h1', '-i', lab.inventory, '-m', 'slurp', '-a', args];
    const a = await runCommand(['ansible', ...adhoc], { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' });
    const k = await kplay('adhoc', ...adhoc);
    expect(k.code, k.stdout + k.stderr).toBe(a.code);
    const pick = (text: string): unknown => {
      const r = JSON.parse(text.slice(text.indexOf('{'))) as Record<string, unknown>;
      return { content: r.content, source: r.source, encoding: r.encoding, msg: r.msg, failed: r.failed };
    };
    expect(pick(k.stdout)).toEqual(pick(a.stdout));
  });

  it('stat as another user: readable follows that user, no checksum when unreadable', async () => {
    const adhoc = ['h1', '-i', lab.inventory, '-m', 'stat', '-a', 'path=/srv/fm/f', '-b', '--become-user', 'nobody'];
    const [a, k] = [await runCommand(['ansible', ...adhoc], { ANSIBLE_NOCOLOR: '1', ANSIBLE_PYTHON_INTERPRETER: 'auto_silent' }), await kplay('adhoc', ...adhoc)];
    expect(k.code, k.stdout + k.stderr).toBe(a.code);
    if (a.code === 0) expect(statOf(k.stdout)).toEqual(statOf(a.stdout));
  });
});
