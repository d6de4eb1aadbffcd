// Compare a user's libvirt XML with what libvirt stored: only what the user wrote counts, so the uuid, MAC
// addresses, PCI addresses and the devices/attributes libvirt adds by default never make a definition "differ".
import { childElements, parseXml, serializeXml, textOf, type XmlElement } from './xml.js';

// libvirt's scaled integers (docs: formatdomain "Memory Allocation"): unit -> bytes
const UNIT_BYTES: Record<string, number> = {
  b: 1,
  bytes: 1,
  kb: 1000,
  k: 1024,
  kib: 1024,
  mb: 1000 ** 2,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1000 ** 4,
  t: 1024 ** 4,
  tib: 1024 ** 4,
};
const MEMORY_ELEMENTS = new Set(['memory', 'currentMemory', 'maxMemory']);

/** libvirt writes memory sizes in KiB whatever unit the user chose: bring both sides to KiB. */
function normaliseNode(el: XmlElement): XmlElement {
  const attrs = { ...el.attrs };
  let children = el.children.map((c) => (typeof c === 'string' ? c : normaliseNode(c)));
  if (MEMORY_ELEMENTS.has(el.name)) {
    const value = Number(textOf(el));
    const unit = (attrs.unit ?? 'KiB').toLowerCase();
    const bytes = UNIT_BYTES[unit];
    if (Number.isFinite(value) && bytes !== undefined && textOf(el) !== '') {
      attrs.unit = 'KiB';
      children = [String(Math.round((value * bytes) / 1024))];
    }
  }
  // libvirt stores MAC addresses in lower case
  if (el.name === 'mac' && attrs.address !== undefined) attrs.address = attrs.address.toLowerCase();
  return { name: el.name, attrs, children };
}

function normaliseLibvirtXml(text: string): XmlElement {
  return normaliseNode(parseXml(text));
}

// QEMU machine aliases that libvirt stores expanded to the versioned machine they stand for
const MACHINE_ALIAS_PREFIX: Record<string, string> = { pc: 'pc-i440fx-', q35: 'pc-q35-' };

/** A wanted machine type matches the stored one when equal, or when it is the alias libvirt expanded. */
function machineMatches(wanted: string, actual: string): boolean {
  if (wanted === actual) return true;
  // pc -> pc-i440fx-7.2 (or -rhel8.6.0), q35 -> pc-q35-7.2, virt -> virt-8.2, pseries -> pseries-8.2
  const prefix = MACHINE_ALIAS_PREFIX[wanted] ?? `${wanted}-`;
  return actual.startsWith(prefix) && /^[\w.]+$/.test(actual.slice(prefix.length));
}

function attrMatches(path: string, key: string, wanted: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  if (key === 'machine' && path.endsWith('/os/type')) return machineMatches(wanted, actual);
  return wanted === actual;
}

/**
 * The first way `actual` falls short of `wanted`, or undefined when every element, attribute and text of
 * `wanted` is in `actual`. Siblings of one name are matched in any order (libvirt sorts some devices).
 */
function firstDifference(wanted: XmlElement, actual: XmlElement, path = `/${wanted.name}`): string | undefined {
  if (wanted.name !== actual.name) return `${path}: wanted <${wanted.name}>, found <${actual.name}>`;
  for (const [k, v] of Object.entries(wanted.attrs)) {
    if (!attrMatches(path, k, v, actual.attrs[k])) return `${path}/@${k}: wanted ${JSON.stringify(v)}, found ${actual.attrs[k] === undefined ? 'nothing' : JSON.stringify(actual.attrs[k])}`;
  }
  const wantedText = textOf(wanted);
  if (wantedText !== '' && wantedText !== textOf(actual)) return `${path}: wanted ${JSON.stringify(wantedText)}, found ${JSON.stringify(textOf(actual))}`;
  const used = new Set<XmlElement>();
  const seen = new Map<string, number>();
  for (const w of childElements(wanted)) {
    const index = seen.get(w.name) ?? 0;
    seen.set(w.name, index + 1);
    const candidates = childElements(actual, w.name).filter((a) => !used.has(a));
    const match = candidates.find((a) => firstDifference(w, a, `${path}/${w.name}`) === undefined);
    if (match) {
      used.add(match);
      continue;
    }
    const sameIndex = childElements(actual, w.name)[index];
    const where = `${path}/${w.name}${index > 0 ? `[${index + 1}]` : ''}`;
    if (!sameIndex || used.has(sameIndex)) return `${where}: missing`;
    return firstDifference(w, sameIndex, where) ?? `${where}: no matching element`;
  }
  return undefined;
}

/** Compare the user's XML text with libvirt's stored (inactive) XML text. */
export function libvirtXmlDifference(wantedText: string, actualText: string): string | undefined {
  return firstDifference(normaliseLibvirtXml(wantedText), normaliseLibvirtXml(actualText));
}

/**
 * The user's XML to define over an existing object: libvirt refuses a redefinition under a new uuid, and would
 * give every interface a new MAC, so keep the generated values the user did not write.
 *   generated: paths below the root of elements to inherit when absent, e.g. ['uuid', 'devices/interface/mac']
 */
export function inheritGenerated(wantedText: string, actualText: string, generated: readonly string[]): string {
  const wanted = parseXml(wantedText);
  const actual = parseXml(actualText);
  for (const path of generated) inherit(wanted, actual, path.split('/'));
  return serializeXml(wanted);
}

function inherit(wanted: XmlElement, actual: XmlElement, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const ws = childElements(wanted, head);
  const as = childElements(actual, head);
  if (rest.length === 0) {
    const source = as[0];
    if (ws.length === 0 && source) {
      // after the <name>, where libvirt writes generated identity elements
      const at = wanted.children.findIndex((c) => typeof c !== 'string' && c.name === 'name');
      wanted.children.splice(at + 1, 0, source);
    }
    return;
  }
  // descend pairwise: the n-th <interface> the user wrote corresponds to libvirt's n-th <interface>
  ws.forEach((w, i) => {
    const a = as[i];
    if (a) inherit(w, a, rest);
  });
}
