// An editor's view: the yaml-language-server package (as VS Code's YAML extension runs it), started over stdio and
// spoken to in LSP, opens a playbook whose first line names schemas/playbook.schema.json and reports the
// misspelled module parameter, and nothing for a correct playbook.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../../lab/support/cli.js';

interface Message {
  readonly id?: number;
  readonly method?: string;
  readonly params?: { readonly uri?: string; readonly diagnostics?: readonly { readonly message: string; readonly range: { start: { line: number } } }[] };
}

const server = spawn(process.execPath, [createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
const seen: Message[] = [];
let buffer = Buffer.alloc(0);
server.stdout.on('data', (chunk: Buffer) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const head = buffer.indexOf('\r\n\r\n');
    if (head < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, head).toString())?.[1]);
    if (buffer.length < head + 4 + length) return;
    seen.push(JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString('utf8')) as Message);
    buffer = buffer.subarray(head + 4 + length);
  }
});
const send = (msg: object) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }));
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
};
async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const hit = find();
    if (hit !== undefined) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`yaml-language-server sent no ${what}`);
}

beforeAll(async () => {
  send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {} } });
  await waitFor(() => seen.find((m) => m.id === 1), 'initialize answer');
  send({ method: 'initialized', params: {} });
  send({ method: 'workspace/didChangeConfiguration', params: { settings: { yaml: { validate: true, schemaStore: { enable: false } } } } });
});
afterAll(() => {
  server.kill();
});

const schema = pathToFileURL(join(ROOT, 'schemas', 'playbook.schema.json')).href;
async function diagnosticsOf(name: string, text: string): Promise<readonly { message: string; range: { start: { line: number } } }[]> {
  const uri = pathToFileURL(join(ROOT, 'test', name)).href;
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text: `# yaml-language-server: $schema=${schema}\n${text}` } } });
  const published = await waitFor(() => seen.find((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri), 'diagnostics');
  return published.params?.diagnostics ?? [];
}

it('flags a misspelled module parameter at its line, and leaves a correct playbook alone', async () => {
  const play = (param: string) => `- hosts: all\n  tasks:\n    - name: install\n      yum:\n        name: libvirt\n        ${param}: lab\n`;
  const bad = await diagnosticsOf('editor-bad.yml', play('enable_repo'));
  expect(bad.map((d) => d.message).join('\n')).toMatch(/enable_repo/);
  expect(bad.some((d) => d.range.start.line === 6)).toBe(true);
  expect(await diagnosticsOf('editor-good.yml', play('enablerepo'))).toEqual([]);
}, 60_000);
