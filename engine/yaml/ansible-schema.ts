// The scalar rules Ansible's YAML loader (PyYAML, YAML 1.1) applies: which plain words are booleans, ints, floats.
import type { CollectionTag, ScalarTag, Tags } from 'yaml';
import { pyFloat, PyFloat } from '../core/pyfloat.js';
import { UnsafeText } from '../core/unsafe.js';
import { vaultTag } from '../vault/inline.js';

const BOOL = 'tag:yaml.org,2002:bool';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';

// PyYAML: yes/no/true/false/on/off in lower, Title or UPPER case — but not y/n (yaml's 1.1 schema takes y/n too).
const trueTag: ScalarTag = {
  identify: (v) => v === true,
  default: true,
  tag: BOOL,
  test: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/,
  resolve: () => true,
};
const falseTag: ScalarTag = {
  identify: (v) => v === false,
  default: true,
  tag: BOOL,
  test: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/,
  resolve: () => false,
};

function signed(str: string, digits: string, radix: number): number {
  const n = parseInt(digits.replace(/_/g, ''), radix);
  return str.startsWith('-') ? -n : n;
}

const isInt = (v: unknown): boolean => typeof v === 'bigint' || Number.isInteger(v);

// PyYAML's int forms: 0b1010, 0644 (octal, so file modes come out as 420), decimal, 0x1F, and 1:30 (sexagesimal).
const intTags: ScalarTag[] = [
  { identify: isInt, default: true, tag: INT, format: 'BIN', test: /^[-+]?0b[01_]+$/, resolve: (s) => signed(s, s.replace(/^[-+]?0b/, ''), 2) },
  { identify: isInt, default: true, tag: INT, format: 'OCT', test: /^[-+]?0[0-7_]+$/, resolve: (s) => signed(s, s.replace(/^[-+]?0/, ''), 8) },
  { identify: isInt, default: true, tag: INT, test: /^[-+]?(?:0|[1-9][0-9_]*)$/, resolve: (s) => signed(s, s.replace(/^[-+]/, ''), 10) },
  { identify: isInt, default: true, tag: INT, format: 'HEX', test: /^[-+]?0x[0-9a-fA-F_]+$/, resolve: (s) => signed(s, s.replace(/^[-+]?0x/, ''), 16) },
  {
    identify: isInt,
    default: true,
    tag: INT,
    test: /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (s) => {
      const n = s.replace(/^[-+]/, '').replace(/_/g, '').split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
      return s.startsWith('-') ? -n : n;
    },
  },
];

// PyYAML's float needs a dot: `1e3` stays the string "1e3", as in Ansible. A whole number stays a float (`1.0`).
const floatTags: ScalarTag[] = [
  {
    identify: (v) => v instanceof PyFloat || typeof v === 'number',
    default: true,
    tag: FLOAT,
    test: /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?)$/,
    resolve: (s) => pyFloat(parseFloat(s.replace(/_/g, ''))),
  },
  {
    identify: (v) => typeof v === 'number',
    default: true,
    tag: FLOAT,
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (s) => (s.toLowerCase().endsWith('nan') ? NaN : s.startsWith('-') ? -Infinity : Infinity),
  },
];

// Ansible's `!unsafe` marks text that must never be templated: the template engine's own mark says so.
const unsafeTag: ScalarTag = {
  identify: () => false,
  tag: '!unsafe',
  resolve: (s) => new UnsafeText(s),
};

/**
 * yaml's `yaml-1.1` schema with Ansible's scalars swapped in, and its two local tags: `!unsafe`, `!vault`. Timestamps stay strings (Ansible renders them as
 * text anyway, and a Date object in vars surprises templates).
 */
export function ansibleTags(tags: Tags): Tags {
  const kept = tags.filter((t: ScalarTag | CollectionTag | string) => {
    if (typeof t === 'string') return true;
    return t.tag !== BOOL && t.tag !== INT && t.tag !== FLOAT && t.tag !== 'tag:yaml.org,2002:timestamp';
  });
  return [...kept, trueTag, falseTag, ...intTags, ...floatTags, unsafeTag, vaultTag];
}
