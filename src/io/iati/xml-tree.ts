/**
 * A small ordered XML tree for IATI activities, and the "fidelity layer" that
 * makes an import lossless: the reader marks what the model took from each
 * element (used elements, used attributes); everything else of the activity
 * is kept verbatim as extras (attributes to set back, child fragments with
 * their position), and the writer puts them back in place on the tree it
 * builds from the model. Paths name an element by tag and 1-based position
 * among its same-tag siblings, e.g. "transaction[3]/provider-org[1]"; the
 * activity itself is "".
 */

export interface XmlElement {
  name: string;
  attrs: [string, string][];
  children: XmlNode[];
}
/** A fragment kept verbatim: written as is, and counted by its tag where positions are counted. */
export interface XmlRaw {
  raw: string;
  name: string;
}
export type XmlNode = XmlElement | XmlRaw | { text: string };

/** An element as read: what the model used of it is marked, so the rest can be kept. */
export interface ReadElement extends XmlElement {
  children: (ReadElement | { text: string })[];
  used: boolean;
  usedAttrs: Set<string>;
}

export interface XmlExtra {
  path: string;
  /** Attributes the model does not hold, set back over what the writer writes. */
  attrs?: [string, string][];
  /** Every attribute name of the original in its order, so attributes come back in the same order. */
  order?: string[];
  /** Child elements the model does not hold: `index` is the 0-based position among the original's child elements. */
  children?: { index: number; name: string; xml: string }[];
}

export const isElement = (n: XmlNode): n is XmlElement => 'attrs' in n;
const isText = (n: XmlNode): n is { text: string } => 'text' in n;
const named = (n: XmlNode): string | undefined => (isText(n) ? undefined : n.name);

// \r, \n and \t are written as references where a parser would otherwise normalise them away.
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', '\n': '&#10;', '\t': '&#9;' };
const escapeText = (s: string): string => s.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
const escapeAttr = (s: string): string => s.replace(/[&<>"\r\n\t]/g, (c) => ATTR_ESCAPES[c] ?? c);

export function serializeXml(n: XmlNode): string {
  if (isText(n)) return escapeText(n.text);
  if (!isElement(n)) return n.raw;
  const attrs = n.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  return n.children.length === 0 ? `<${n.name}${attrs}/>` : `<${n.name}${attrs}>${n.children.map(serializeXml).join('')}</${n.name}>`;
}

/** The element's own text (its text children joined), as the model reads it: trimmed. */
export const textOf = (e: XmlElement): string =>
  e.children
    .filter(isText)
    .map((t) => t.text)
    .join('')
    .trim();

/** What the model did not take from `root` and the used elements under it, with where each piece was. */
export function collectExtras(root: ReadElement): XmlExtra[] {
  const out: XmlExtra[] = [];
  const walk = (e: ReadElement, path: string) => {
    const extra: XmlExtra = { path };
    const attrs = e.attrs.filter(([k]) => !e.usedAttrs.has(k));
    if (attrs.length > 0) {
      extra.attrs = attrs;
      extra.order = e.attrs.map(([k]) => k);
    }
    const counts = new Map<string, number>();
    let index = 0;
    const children: NonNullable<XmlExtra['children']> = [];
    for (const c of e.children) {
      if (isText(c)) continue;
      const n = (counts.get(c.name) ?? 0) + 1;
      counts.set(c.name, n);
      if (c.used) walk(c, `${path === '' ? '' : `${path}/`}${c.name}[${n}]`);
      else children.push({ index, name: c.name, xml: serializeXml(c) });
      index += 1;
    }
    if (children.length > 0) extra.children = children;
    if (extra.attrs !== undefined || extra.children !== undefined) out.push(extra);
  };
  walk(root, '');
  return out;
}

/** The element at `path` under `root` (raw fragments count among their tag's siblings), if the tree still has it. */
function resolve(root: XmlElement, path: string): XmlElement | undefined {
  let at: XmlElement | undefined = root;
  for (const step of path === '' ? [] : path.split('/')) {
    const m = /^(.+)\[(\d+)\]$/.exec(step);
    if (m === null || at === undefined) return undefined;
    const same: XmlNode[] = at.children.filter((c) => named(c) === m[1]);
    const hit = same[Number(m[2]) - 1];
    at = hit !== undefined && isElement(hit) ? hit : undefined;
  }
  return at;
}

/**
 * Puts the extras back on a tree the writer built: parents first, so a kept
 * fragment takes its place before the positions under it are resolved. An
 * extra whose element the tree no longer has (the project was edited since)
 * is left out.
 */
export function applyExtras(root: XmlElement, extras: readonly XmlExtra[]): void {
  const depth = (p: string) => (p === '' ? 0 : p.split('/').length);
  for (const extra of [...extras].sort((a, b) => depth(a.path) - depth(b.path))) {
    const e = resolve(root, extra.path);
    if (e === undefined) continue;
    for (const [k, v] of extra.attrs ?? []) {
      const i = e.attrs.findIndex(([name]) => name === k);
      if (i >= 0) e.attrs[i] = [k, v];
      else e.attrs.push([k, v]);
    }
    if (extra.order !== undefined) {
      const rank = (k: string) => {
        const r = extra.order?.indexOf(k) ?? -1;
        return r < 0 ? Number.MAX_SAFE_INTEGER : r;
      };
      e.attrs.sort((a, b) => rank(a[0]) - rank(b[0]));
    }
    for (const c of [...(extra.children ?? [])].sort((a, b) => a.index - b.index)) {
      // Position among child elements: text nodes do not count.
      let seen = 0;
      let at = e.children.length;
      for (let i = 0; i < e.children.length; i += 1) {
        const child = e.children[i];
        if (child === undefined || isText(child)) continue;
        if (seen === c.index) {
          at = i;
          break;
        }
        seen += 1;
      }
      e.children.splice(at, 0, { raw: c.xml, name: c.name });
    }
  }
}
