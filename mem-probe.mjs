import { readFileSync } from 'node:fs';
const { parseYaml } = await import('./dist/engine/yaml/load.js');
const t = readFileSync(process.argv[2], 'utf8');
const t0 = Date.now();
const r = parseYaml(t, process.argv[2]);
console.log('ms', Date.now() - t0, 'rss MB', Math.round(process.memoryUsage().rss / 1e6), 'heap MB', Math.round(process.memoryUsage().heapUsed/1e6));
