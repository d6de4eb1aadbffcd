// The option parsing of the ini, csvfile and url lookups as data (Ansible 2.14's plugins/lookup/ini.py, csvfile.py,
// url.py): inline `key k=v` terms, keyword options, the INI and CSV readers, redirects, proxies and headers. The
// lookups against ansible-playbook: test/compat/run/differential.test.ts (lookups_ini_csv.yml), lookup-url.test.ts.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows } from '../../../engine/run/csv-reader.js';
import { IniFile } from '../../../engine/run/ini-parser.js';
import { csvOptions, csvTermKey, readCsv } from '../../../engine/run/lookup-csvfile.js';
import { iniOptions, iniParams, iniTermKey } from '../../../engine/run/lookup-ini.js';
import type { SearchPlace } from '../../../engine/run/lookup-plugin.js';
import { redirectTarget, requestHeaders, urlOptions } from '../../../engine/run/lookup-url.js';
import { lookupContext, runLookup } from '../../../engine/run/lookups.js';
import { proxyFor } from '../../../engine/run/url-proxy.js';
import { NO_VAULT } from '../../../engine/vault/keyring.js';

const FIX = resolve(import.meta.dirname, '../../fixtures/lookups');
const place: SearchPlace = { paths: [join(FIX, 'role'), join(FIX, 'role', 'tasks')], playbookDir: join(FIX, 'play'), keyring: NO_VAULT };
const ctx = lookupContext({}, place, { loc: { file: join(FIX, 'role', 'tasks', 'main.yml'), line: 1, col: 1 } });

const iniTerms: Record<string, { term: string; key?: string; set?: Record<string, string>; error?: string }> = {
  'a bare key': { term: 'user', key: 'user', set: {} },
  'key then options': { term: 'user section=db file=x.ini', key: 'user', set: { section: 'db', file: 'x.ini' } },
  'options first': { term: 'file=x.ini user', error: 'No key to lookup was provided' },
  'a value with blanks joins its option': { term: 'k default=two words', key: 'k', set: { default: 'two words' } },
  'an unknown option': { term: 'k colour=red', error: 'k colour is not a valid option.' },
  'two = in one option': { term: 'k default=a=b', error: "Could not use 'default=a=b'" },
};

describe('ini lookup: terms and options', () => {
  for (const [name, c] of Object.entries(iniTerms)) {
    it(name, () => {
      const params = iniOptions({});
      if (c.error !== undefined) return void expect(() => iniTermKey(c.term, params)).toThrow(c.error);
      expect(iniTermKey(c.term, params)).toBe(c.key);
      for (const [k, v] of Object.entries(c.set ?? {})) expect(params[k]).toBe(v);
    });
  }
  it('_parse_params joins words to the last option named', () => {
    expect(iniParams('user  section=my  db re=1')).toEqual(['user', 'section=my db', 're=1']);
  });
  it('keyword booleans are typed, type is checked', () => {
    expect(iniOptions({ re: 'yes' }).re).toBe(true);
    expect(iniOptions({ re: 'no' }).re).toBe(false);
    expect(() => iniOptions({ type: 'yaml' })).toThrow('is not a valid choice');
  });
});

const iniFiles: Record<string, { text: string; section: string; key: string; want?: string | null | undefined; error?: string; caseSensitive?: boolean; allowNoValue?: boolean }> = {
  'key = value': { text: '[s]\na = 1\n', section: 's', key: 'a', want: '1' },
  'key: value, case-insensitive': { text: '[s]\nKey: v\n', section: 's', key: 'KEY', want: 'v' },
  'case-sensitive': { text: '[s]\nKey: v\n', section: 's', key: 'key', want: undefined, caseSensitive: true },
  'DEFAULT inherited': { text: '[DEFAULT]\nd = 0\n[s]\n', section: 's', key: 'd', want: '0' },
  interpolation: { text: '[s]\nb = /srv\np = %(b)s/x %%\n', section: 's', key: 'p', want: '/srv/x %' },
  'bad interpolation': { text: '[s]\np = 50%\n', section: 's', key: 'p', error: "'%' must be followed by '%' or '('" },
  'continuation lines': { text: '[s]\nm = a\n  b\n\n  c\nn = 1\n', section: 's', key: 'm', want: 'a\nb\n\nc' },
  'comments are not values': { text: '[s]\n# a = 1\n;b=2\n', section: 's', key: 'a', want: undefined },
  'no section header': { text: 'a = 1\n', section: 's', key: 'a', error: 'File contains no section headers.' },
  'a line without =': { text: '[s]\nflag\n', section: 's', key: 'flag', error: "Source contains parsing errors: '<???>'\n\t[line  2]: 'flag\\n'" },
  'allow_no_value': { text: '[s]\nflag\n', section: 's', key: 'flag', want: null, allowNoValue: true },
  'duplicate option': { text: '[s]\na=1\nA=2\n', section: 's', key: 'a', error: "[line  3]: option 'a' in section 's' already exists" },
};

describe('ini lookup: the configparser', () => {
  for (const [name, c] of Object.entries(iniFiles)) {
    it(name, () => {
      const cp = new IniFile({ caseSensitive: c.caseSensitive ?? false, allowNoValue: c.allowNoValue ?? false });
      const get = (): unknown => {
        cp.read(c.text);
        return cp.get(c.section, c.key);
      };
      if (c.error !== undefined) expect(get).toThrow(c.error);
      else expect(get()).toBe(c.want);
    });
  }
});

describe('ini and csvfile lookups: files found as Ansible finds them', () => {
  it('ini: files/ of the role', () => expect(runLookup('ini', ['user'], { file: 'app.ini' }, ctx)).toEqual(['role-user']));
  it('ini: a file not found', () => expect(() => runLookup('ini', ['user'], { file: 'none.ini' }, ctx)).toThrow("Unable to find 'none.ini'"));
  it('csvfile: files/ of the playbook', () => expect(runLookup('ansible.builtin.csvfile', ['k1'], { file: 'table.csv', delimiter: ',' }, ctx)).toEqual(['v1']));
  it('csvfile: the default when no row matches', () => expect(runLookup('csvfile', ['k9'], { file: 'table.csv', delimiter: ',', default: 'd' }, ctx)).toEqual(['d']));
});

const csvCases: Record<string, { text: string; delimiter?: string; rows: string[][] }> = {
  'plain rows, blank line': { text: 'a,b\n\nc,d', rows: [['a', 'b'], [], ['c', 'd']] },
  'quoted delimiter, doubled quote': { text: '"a,b","say ""hi"""\n', rows: [['a,b', 'say "hi"']] },
  'a line break inside quotes': { text: '"a\nb",c\r\n', rows: [['a\nb', 'c']] },
  'a quote inside an unquoted field': { text: 'a"b,c\n', rows: [['a"b', 'c']] },
  'text after a closing quote': { text: '"a"b,c\n', rows: [['ab', 'c']] },
  'trailing delimiter': { text: 'a,\n', rows: [['a', '']] },
  tabs: { text: 'a\tb c\n', delimiter: '\t', rows: [['a', 'b c']] },
};

describe('csvfile lookup: rows and options', () => {
  for (const [name, c] of Object.entries(csvCases)) it(name, () => expect(csvRows(c.text, c.delimiter ?? ',')).toEqual(c.rows));
  it('the key keeps its words, options are parse_kv', () => {
    const params = csvOptions({});
    expect(csvTermKey('bob smith col=2 delimiter=,', params)).toBe('bob smith');
    expect([params.col, params.delimiter]).toEqual(['2', ',']);
  });
  it('TAB is a tab', () => {
    const params = csvOptions({});
    csvTermKey('x', params);
    expect(params.delimiter).toBe('\t');
  });
  it('no key, an unknown option', () => {
    expect(() => csvTermKey('file=x.csv', csvOptions({}))).toThrow('Search key is required but was not found');
    expect(() => csvTermKey('k colour=red', csvOptions({}))).toThrow('colour is not a valid option');
  });
  it('columns: negative, out of range, not a number; keycol', () => {
    const p = (o: Record<string, unknown>): Record<string, unknown> => ({ ...csvOptions({ delimiter: ',' }), ...o });
    expect(readCsv('k,a,b\n', 'k', p({ col: '-1' }))).toBe('b');
    expect(() => readCsv('k,a\n', 'k', p({ col: 5 }))).toThrow('csvfile: list index out of range');
    expect(() => readCsv('k,a\n', 'k', p({ col: 'x' }))).toThrow("invalid literal for int() with base 10: 'x'");
    expect(readCsv('a,k\n', 'k', p({ keycol: 1, col: 0 }))).toBe('a');
    expect(() => readCsv('k\n', 'k', p({ delimiter: ';;' }))).toThrow('"delimiter" must be a 1-character string');
  });
});

describe('url lookup: options, headers, redirects, proxies', () => {
  it('defaults', () => {
    const o = urlOptions({}, {}, {});
    expect([o.validateCerts, o.splitLines, o.useProxy, o.force, o.timeoutMs, o.httpAgent, o.followRedirects]).toEqual([true, true, true, false, 10_000, 'ansible-httpget', 'urllib2']);
  });
  it('keywords over variables over the environment', () => {
    expect(urlOptions({ timeout: 2 }, { ansible_lookup_url_timeout: 3 }, { ANSIBLE_LOOKUP_URL_TIMEOUT: '4' }).timeoutMs).toBe(2000);
    expect(urlOptions({}, { ansible_lookup_url_timeout: 3 }, { ANSIBLE_LOOKUP_URL_TIMEOUT: '4' }).timeoutMs).toBe(3000);
    expect(urlOptions({}, {}, { ANSIBLE_LOOKUP_URL_AGENT: 'env-agent' }).httpAgent).toBe('env-agent');
    expect(urlOptions({ validate_certs: 'no', split_lines: 'false' }, {}, {})).toMatchObject({ validateCerts: false, splitLines: false });
  });
  it('refused options', () => {
    expect(() => urlOptions({ unix_socket: '/run/x.sock' }, {}, {})).toThrow('does not support the option unix_socket');
    expect(() => urlOptions({ headers: 'x' }, {}, {})).toThrow('is not a dictionary');
    expect(() => urlOptions({ timeout: 'soon' }, {}, {})).toThrow('timeout');
  });
  it('headers: the caller wins over agent and cache-control; Authorization last', () => {
    const o = urlOptions({ force: true, headers: { 'user-agent': 'mine' } }, {}, {});
    expect(requestHeaders(o, 'Basic x')).toEqual({ 'Accept-Encoding': 'identity', 'Cache-Control': 'no-cache', 'user-agent': 'mine', Authorization: 'Basic x' });
  });
  const redirects: Record<string, [string, number, string | undefined, { next: string } | { error: string }]> = {
    'urllib2 follows 302': ['urllib2', 302, '/b', { next: 'http://h/b' }],
    'none refuses': ['none', 302, '/b', { error: 'HTTP Error 302: Found' }],
    'a YAML yes (True) refuses, as in 2.14': ['True', 302, '/b', { error: 'HTTP Error 302: Found' }],
    'safe follows a GET': ['safe', 301, 'http://o/c', { next: 'http://o/c' }],
    'no Location': ['all', 302, undefined, { error: 'HTTP Error 302: Found' }],
    'to file: is refused': ['urllib2', 302, 'file:///etc/passwd', { error: "HTTP Error 302: Redirection to url 'file:///etc/passwd' is not allowed" }],
  };
  for (const [name, [mode, status, location, want]] of Object.entries(redirects)) {
    it(`redirect: ${name}`, () => expect(redirectTarget(mode, status, 'Found', 'http://h/a', location)).toEqual(want));
  }
  const proxies: Record<string, [string, NodeJS.ProcessEnv, string | undefined]> = {
    'http_proxy for http': ['http://a.example/x', { http_proxy: 'http://p:3128' }, 'http://p:3128'],
    'https_proxy for https, no scheme given': ['https://a.example/x', { HTTPS_PROXY: 'p:3128' }, 'http://p:3128'],
    'no_proxy domain': ['http://a.example/x', { http_proxy: 'http://p:3128', no_proxy: '.example' }, undefined],
    'no_proxy *': ['http://a.example/x', { http_proxy: 'http://p:3128', no_proxy: '*' }, undefined],
    'no_proxy another host': ['http://a.example/x', { http_proxy: 'http://p:3128', no_proxy: 'b.example' }, 'http://p:3128'],
    'empty proxy': ['http://a.example/x', { http_proxy: '' }, undefined],
  };
  for (const [name, [url, env, want]] of Object.entries(proxies)) it(`proxy: ${name}`, () => expect(proxyFor(url, env)).toBe(want));
});
