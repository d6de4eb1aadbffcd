// A tiny XML parser and serializer for libvirt documents (elements, attributes, text; no namespaces, no DTDs).
// libvirt's XML is simple and machine-written; this avoids a dependency for the few things virt/virt_net need.

export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlSyntaxError extends Error {
  constructor(message: string, text: string, at: number) {
    const line = text.slice(0, at).split('\n').length;
    super(`${message} (line ${line})`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /\s*/y;

/** Parse a document and return its root element. Comments, processing instructions and DOCTYPE are dropped. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    throw new XmlSyntaxError(msg, text, i);
  };
  const skipSpace = (): void => {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    i = SPACE.lastIndex;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (text.startsWith('<?', i)) i = endOf('?>', 'processing instruction');
      else if (text.startsWith('<!--', i)) i = endOf('-->', 'comment');
      else if (text.startsWith('<!DOCTYPE', i)) i = endOf('>', 'DOCTYPE');
      else return;
    }
  };
  const endOf = (close: string, what: string): number => {
    const e = text.indexOf(close, i);
    if (e < 0) fail(`unterminated ${what}`);
    return e + close.length;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (!m) return fail('expected a name');
    i = NAME.lastIndex;
    return m[0];
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('expected an element');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [] };
    for (;;) {
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      const attr = name();
      skipSpace();
      if (text[i] !== '=') fail(`expected = after attribute ${attr}`);
      i++;
      skipSpace();
      const q = text[i];
      if (q !== '"' && q !== "'") return fail(`attribute ${attr} needs a quoted value`);
      const e = text.indexOf(q, i + 1);
      if (e < 0) fail(`unterminated value of attribute ${attr}`);
      el.attrs[attr] = decodeEntities(text.slice(i + 1, e));
      i = e + 1;
    }
    for (;;) {
      if (i >= text.length) fail(`element <${el.name}> is not closed`);
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (text[i] !== '>') fail(`expected > after </${closing}`);
        i++;
        return el;
      }
      if (text.startsWith('<!--', i)) i = endOf('-->', 'comment');
      else if (text.startsWith('<![CDATA[', i)) {
        const e = endOf(']]>', 'CDATA section');
        el.children.push(text.slice(i + 9, e - 3));
        i = e;
      } else if (text.startsWith('<?', i)) i = endOf('?>', 'processing instruction');
      else if (text[i] === '<') el.children.push(element());
      else {
        const e = text.indexOf('<', i);
        el.children.push(decodeEntities(text.slice(i, e < 0 ? text.length : e)));
        i = e < 0 ? text.length : e;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i < text.length) fail('content after the root element');
  return root;
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e] ?? '';
  });
}

function escapeText(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replaceAll("'", '&apos;');
}

/** Serialize an element; whitespace text is kept as parsed, so a parsed document round-trips its layout. */
export function serializeXml(el: XmlElement): string {
  const attrs = Object.entries(el.attrs)
    .map(([k, v]) => ` ${k}='${escapeAttr(v)}'`)
    .join('');
  if (el.children.length === 0) return `<${el.name}${attrs}/>`;
  const inner = el.children.map((c) => (typeof c === 'string' ? escapeText(c) : serializeXml(c))).join('');
  return `<${el.name}${attrs}>${inner}</${el.name}>`;
}

/** The child elements of `el`, optionally only those named `name`. */
export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

/** The trimmed text content directly inside `el` (not of its descendants). */
export function textOf(el: XmlElement): string {
  return el.children
    .filter((c): c is string => typeof c === 'string')
    .join('')
    .trim();
}
