// What virt and virt_net share about a libvirt object defined from the user's XML: its name, the checks of the
// parameters before any probe is read, the define step and what the task would do.
import type { Step } from '../contract.js';
import { virsh } from './virsh.js';
import { childElements, parseXml, textOf } from './xml.js';

/** A kind of libvirt object: its XML root, the word for it in messages, and the virsh command that defines it. */
export interface LibvirtKind {
  readonly root: 'domain' | 'network';
  readonly noun: 'guest' | 'network';
  readonly define: 'define' | 'net-define';
}

export const DOMAIN: LibvirtKind = { root: 'domain', noun: 'guest', define: 'define' };
export const NETWORK: LibvirtKind = { root: 'network', noun: 'network', define: 'net-define' };

/** The parameters of virt and virt_net this file reads. */
export interface DefineParams {
  readonly name?: string | undefined;
  readonly xml?: string | undefined;
  readonly command?: string | undefined;
  readonly state?: string | undefined;
  readonly autostart?: boolean | undefined;
}

/** The object's name: the parameter, else the <name> of the xml (undefined when neither or the xml is broken). */
export function objectName(p: DefineParams): string | undefined {
  if (p.name !== undefined) return p.name;
  if (p.xml === undefined) return undefined;
  try {
    const n = childElements(parseXml(p.xml), 'name')[0];
    return n ? textOf(n) : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with the xml (not parseable, another root, no <name> or not the name parameter), if anything. */
function checkXml(kind: LibvirtKind, xml: string, name: string | undefined): string | undefined {
  try {
    const root = parseXml(xml);
    if (root.name !== kind.root) return `xml: the root element is <${root.name}>, not <${kind.root}>`;
    const n = childElements(root, 'name')[0];
    if (!n) return `xml: the ${kind.root} has no <name>`;
    if (name !== undefined && textOf(n) !== name) return `xml: <name>${textOf(n)}</name> differs from name ${name}`;
    return undefined;
  } catch (err) {
    return `xml: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/**
 * The object's name for a managing task (not a read-only command), or why the parameters cannot work: checked
 * before any probe output is read, so the same mistake fails alike with and without libvirt on the host.
 */
export function manageTarget(kind: LibvirtKind, p: DefineParams): { readonly name: string } | { readonly fail: string } {
  if (p.command === 'define' && p.xml === undefined) return { fail: 'command define needs xml' };
  if (p.state === undefined && p.autostart === undefined && p.xml === undefined) return { fail: 'expected state, command, autostart or xml' };
  if (p.xml !== undefined) {
    const bad = checkXml(kind, p.xml, p.name);
    if (bad !== undefined) return { fail: bad };
  }
  const name = objectName(p);
  if (name === undefined) return { fail: 'name is required (or an xml with a <name>)' };
  return { name };
}

/** "define demo, running, autostart on (guest demo)": what the task would do, for a missing prerequisite. */
export function wouldDo(kind: LibvirtKind, name: string, defining: boolean, p: DefineParams): string {
  const wanted = [defining ? `define ${name}` : undefined, p.state, p.autostart === undefined ? undefined : `autostart ${p.autostart ? 'on' : 'off'}`];
  return `${wanted.filter((w) => w !== undefined).join(', ')} (${kind.noun} ${name})`;
}

/** Define (or redefine) the object from xml, given on stdin so that no temporary file is needed. */
export function defineStep(kind: LibvirtKind, uri: string, name: string, xml: string): Step {
  return { cmd: virsh(uri, kind.define, '/dev/stdin'), stdin: xml, describe: `define ${kind.noun} ${name}` };
}
