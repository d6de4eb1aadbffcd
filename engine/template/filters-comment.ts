// Ansible's `comment` filter (plugins/filter/core.py): text as a comment block in the style of a config language.
import { TemplateRuntimeError } from './undefined.js';
import { hasKey, pyStr, type Dict } from './values.js';
import { str, type Filter } from './filter-args.js';

interface Style {
  readonly beginning?: string;
  readonly decoration: string;
  readonly end?: string;
}

const STYLES: Readonly<Record<string, Style>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

function count(v: unknown, name: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? parseInt(v, 10) : NaN;
  if (!Number.isInteger(n)) throw new TemplateRuntimeError(`comment: ${name} must be an integer, got ${pyStr(v)}`);
  // a template must not be able to exhaust memory
  if (n > 10_000) throw new TemplateRuntimeError(`comment: ${name} ${n} is too large (at most 10000)`);
  return Math.max(0, n);
}

/** Python's rstrip(): trailing whitespace off */
const rstrip = (s: string): string => s.replace(/\s+$/, '');

const comment: Filter = (value, args, kwargs: Dict) => {
  const styleName = pyStr(args[0] ?? (hasKey(kwargs, 'style') ? kwargs.style : 'plain'));
  const style = STYLES[styleName];
  if (style === undefined) throw new TemplateRuntimeError(`comment: unknown style '${styleName}' (one of ${Object.keys(STYLES).join(', ')})`);
  const text = str(value, 'comment');
  const prepostfix = hasKey(kwargs, 'decoration') ? pyStr(kwargs.decoration) : style.decoration;
  const defaults = { newline: '\n', beginning: '', prefix: rstrip(prepostfix), prefix_count: 1, postfix: rstrip(prepostfix), postfix_count: 1, end: '' };
  const p: Record<string, unknown> = { ...defaults, ...style };
  for (const [k, v] of Object.entries(kwargs)) if (k !== 'style') p[k] = v;
  const nl = pyStr(p.newline);
  const decoration = pyStr(p.decoration);
  const s = (k: string): string => pyStr(p[k]);
  const beginning = s('beginning') !== '' ? `${s('beginning')}${nl}` : '';
  const prefixCount = count(p.prefix_count, 'prefix_count');
  const prefix = s('prefix') === '' ? '' : (s('prefix') !== nl ? `${s('prefix')}${nl}` : nl).repeat(prefixCount);
  const body = `${decoration}${text.split(nl).join(`${nl}${decoration}`)}`.split(`${decoration}${nl}`).join(`${rstrip(decoration)}${nl}`);
  const postfix = ['', ...Array.from({ length: count(p.postfix_count, 'postfix_count') }, () => s('postfix'))].join(nl);
  const end = s('end') !== '' ? `${nl}${s('end')}` : '';
  return `${beginning}${prefix}${body}${postfix}${end}`;
};

export const COMMENT_FILTERS: [string, Filter][] = [['comment', comment]];
