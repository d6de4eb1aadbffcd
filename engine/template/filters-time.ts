// community.general's time filters (plugins/filter/time.py): a human duration such as '1h 30m' or '2weeks' in one
// unit (to_seconds, to_hours, ... or to_time_unit with the unit named), under their collection names only.
import { TemplateRuntimeError } from './undefined.js';
import { hasKey, pyStr, typeName, type Dict } from './values.js';
import type { Filter } from './filter-args.js';

/** Each short unit as the factors that turn it into milliseconds (a month is 30 days, a year 365). */
const UNIT_FACTORS: Readonly<Record<string, readonly number[]>> = {
  ms: [],
  s: [1000],
  m: [1000, 60],
  h: [1000, 60, 60],
  d: [1000, 60, 60, 24],
  w: [1000, 60, 60, 24, 7],
  mo: [1000, 60, 60, 24, 30],
  y: [1000, 60, 60, 24, 365],
};

/** The long names (singular; a trailing s is stripped before the lookup) of each short unit. */
const LONG_NAMES: Readonly<Record<string, string>> = {
  millisecond: 'ms',
  msec: 'ms',
  msecond: 'ms',
  sec: 's',
  second: 's',
  hour: 'h',
  min: 'm',
  minute: 'm',
  day: 'd',
  week: 'w',
  month: 'mo',
  year: 'y',
};

/** `-12h`: digits then a word (Python's \w); whatever follows the word in the same piece is ignored, as re.match does. */
const PIECE = /^(-?[0-9]+)([\p{L}\p{N}_]+)/u;

/** Python's unit.rstrip('s') looked up among the long names, else the name as written. */
function shortUnit(name: string): string {
  const long = LONG_NAMES[name.replace(/s+$/, '')];
  return long ?? name;
}

function milliseconds(factors: readonly number[]): number {
  return factors.reduce((a, b) => a * b, 1);
}

/** The factors, with the length of a year or a month in days given by the `year` and `month` keywords. */
function factorsFor(kwargs: Dict): Record<string, readonly number[]> {
  const factors: Record<string, readonly number[]> = { ...UNIT_FACTORS };
  for (const [keyword, unit] of [['year', 'y'], ['month', 'mo']] as const) {
    if (!hasKey(kwargs, keyword)) continue;
    const days = kwargs[keyword];
    if (typeof days !== 'number') throw new TemplateRuntimeError(`to_time_unit(): ${keyword} must be a number, got ${typeName(days)}`);
    factors[unit] = [...(UNIT_FACTORS[unit] ?? []).slice(0, -1), days];
  }
  const unknown = Object.keys(kwargs).filter((k) => k !== 'year' && k !== 'month');
  if (unknown.length > 0) throw new TemplateRuntimeError(`to_time_unit() got unknown keyword arguments: ${unknown.join(', ')}`);
  return factors;
}

/** human_time | to_time_unit(unit): the duration in that unit, rounded to 12 decimals as Python's round() does. */
export function toTimeUnit(humanTime: unknown, unit: string, kwargs: Dict): number {
  if (humanTime === '0') return 0;
  const target = shortUnit(unit);
  if (!hasKey(UNIT_FACTORS, target)) {
    throw new TemplateRuntimeError(
      `to_time_unit() can not convert to the following unit: ${target}. Available units (singular or plural): ${Object.keys(LONG_NAMES).join(', ')}. Available short units: ${Object.keys(UNIT_FACTORS).join(', ')}`,
    );
  }
  const factors = factorsFor(kwargs);
  const targetFactors = factors[target] ?? [];
  if (typeof humanTime !== 'string') throw new TemplateRuntimeError(`'${typeName(humanTime)}' object has no attribute 'split'`);
  let total = 0;
  for (const piece of humanTime.split(/\s+/).filter((p) => p !== '')) {
    const m = PIECE.exec(piece);
    const pieceFactors = m ? factors[shortUnit(m[2] ?? '')] : undefined;
    if (!m || pieceFactors === undefined) throw new TemplateRuntimeError(`to_time_unit() can not interpret following string: ${humanTime}`);
    total += parseInt(m[1] ?? '0', 10) * milliseconds(pieceFactors);
  }
  return Number((total / milliseconds(targetFactors)).toFixed(12));
}

/** A to_<unit> filter: the value alone, with only the year and month keywords. */
function toUnit(name: string, unit: string): Filter {
  return (v, args, kwargs) => {
    if (args.length > 0) throw new TemplateRuntimeError(`${name}() takes 1 positional argument but ${args.length + 1} were given`);
    if (hasKey(kwargs, 'unit')) throw new TemplateRuntimeError(`to_time_unit() got multiple values for argument 'unit'`);
    return toTimeUnit(v, unit, kwargs);
  };
}

/** value | to_time_unit(unit='ms', year=365, month=30) */
const toTimeUnitFilter: Filter = (v, args, kwargs) => {
  if (args.length > 1) throw new TemplateRuntimeError(`to_time_unit() takes from 1 to 2 positional arguments but ${args.length + 1} were given`);
  if (args.length === 1 && hasKey(kwargs, 'unit')) throw new TemplateRuntimeError(`to_time_unit() got multiple values for argument 'unit'`);
  const unit = args.length === 1 ? args[0] : hasKey(kwargs, 'unit') ? kwargs.unit : 'ms';
  if (typeof unit !== 'string') throw new TemplateRuntimeError(`'${typeName(unit)}' object has no attribute 'rstrip' (unit ${pyStr(unit)})`);
  const rest = Object.fromEntries(Object.entries(kwargs).filter(([k]) => k !== 'unit'));
  return toTimeUnit(v, unit, rest);
};

const UNIT_FILTERS: readonly (readonly [string, string])[] = [
  ['to_milliseconds', 'ms'],
  ['to_seconds', 's'],
  ['to_minutes', 'm'],
  ['to_hours', 'h'],
  ['to_days', 'd'],
  ['to_weeks', 'w'],
  ['to_months', 'mo'],
  ['to_years', 'y'],
];

export const TIME_FILTERS: [string, Filter][] = [
  ['community.general.to_time_unit', toTimeUnitFilter],
  ...UNIT_FILTERS.map(([name, unit]): [string, Filter] => [`community.general.${name}`, toUnit(name, unit)]),
];
