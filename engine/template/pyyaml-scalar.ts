// How PyYAML (SafeRepresenter + libyaml's emitter, which Ansible's AnsibleDumper uses) turns one scalar into text:
// the representation of numbers, which strings would read back as another type, and the analysis that decides
// between plain, single-quoted and double-quoted output.
import { floatRepr, PyFloat } from '../core/pyfloat.js';

/** The text of a non-string scalar, as SafeRepresenter writes it. */
export function representNonString(v: number | PyFloat | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const n = v instanceof PyFloat ? v.value : v;
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  // a whole number is a Python int, unless it is boxed as a float or too large for a JS number to hold as an
  // integer (1e300): that one came from a float
  if (!(v instanceof PyFloat) && Number.isSafeInteger(n)) return String(n);
  const text = floatRepr(n);
  // SafeRepresenter makes '1e-05' a valid YAML 1.1 float: '1.0e-05'
  return !text.includes('.') && text.includes('e') ? text.replace('e', '.0e') : text;
}

// PyYAML's YAML 1.1 implicit resolvers, each tried only for strings starting with one of its characters. Python's
// `$` also matches before a final newline, hence `\n?$`.
const RESOLVERS: readonly (readonly [string, RegExp])[] = [
  ['yYnNtTfFoO', /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?$/],
  ['-+0123456789.', /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?$/],
  ['-+0123456789', /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?$/],
  ['<', /^(?:<<)\n?$/],
  ['~nN', /^(?:~|null|Null|NULL|)\n?$/],
  ['0123456789', /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$/],
  ['=', /^(?:=)\n?$/],
  ['!&*', /^(?:!|&|\*)\n?$/],
];

/** Whether a string written plain would read back as a string (else PyYAML quotes it: 'yes', '1.0', '~', ''). */
export function plainReadsAsString(s: string): boolean {
  if (s === '') return false; // the null resolver's empty alternative
  const first = String.fromCodePoint(s.codePointAt(0) ?? 0);
  return !RESOLVERS.some(([firsts, re]) => firsts.includes(first) && re.test(s));
}

/** libyaml's verdict on a scalar's characters: which styles can carry it. */
export interface ScalarAnalysis {
  readonly multiline: boolean;
  readonly flowPlainAllowed: boolean;
  readonly blockPlainAllowed: boolean;
  readonly singleQuotedAllowed: boolean;
}

export function isBreak(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
}

function isBlankOrEnd(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\0' || isBreak(c);
}

/** libyaml's printable set (by UTF-8 lead bytes): no tab, no C1 controls, no astral characters, no BOM. */
export function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

const FIRST_INDICATORS = new Set('#,[]{}&*!|>\'"%@`');
const FLOW_INDICATORS = new Set(',?[]{}');

/** libyaml's yaml_emitter_analyze_scalar, over code points. */
export function analyzeScalar(s: string, unicode: boolean): ScalarAnalysis {
  const chars = Array.from(s);
  if (chars.length === 0) return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true };
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let flowIndicators = blockIndicators;
  let lineBreaks = false;
  let special = false;
  let leadingOrTrailing = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  chars.forEach((c, i) => {
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if (FIRST_INDICATORS.has(c)) flowIndicators = blockIndicators = true;
      if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (c === '-' && followedByWhitespace) flowIndicators = blockIndicators = true;
    } else {
      if (FLOW_INDICATORS.has(c)) flowIndicators = true;
      if (c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (c === '#' && precededByWhitespace) flowIndicators = blockIndicators = true;
    }
    if (!isPrintable(c) || (!unicode && c > '\x7f')) special = true;
    const last = i === chars.length - 1;
    if (c === ' ') {
      if (i === 0 || last) leadingOrTrailing = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0 || last) leadingOrTrailing = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
  });
  const plainAllowed = !leadingOrTrailing && !breakSpace && !spaceBreak && !special && !lineBreaks;
  return {
    multiline: lineBreaks,
    flowPlainAllowed: plainAllowed && !flowIndicators,
    blockPlainAllowed: plainAllowed && !blockIndicators,
    singleQuotedAllowed: !breakSpace && !spaceBreak && !special,
  };
}

export type ScalarStyle = 'plain' | 'single' | 'double';

/** Where a scalar is written: libyaml's contexts that change its style and its line folding. */
export interface ScalarPlace {
  readonly flow: boolean;
  readonly simpleKey: boolean;
}

/** libyaml's yaml_emitter_select_scalar_style for a scalar PyYAML sends without a style. */
export function selectStyle(a: ScalarAnalysis, empty: boolean, plainImplicit: boolean, place: ScalarPlace): ScalarStyle {
  if (place.simpleKey && a.multiline) return 'double';
  let style: ScalarStyle = 'plain';
  if (place.flow ? !a.flowPlainAllowed : !a.blockPlainAllowed) style = 'single';
  if (empty && (place.flow || place.simpleKey)) style = 'single';
  if (!plainImplicit) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  return style;
}
