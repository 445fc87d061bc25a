import { SaxesParser } from 'saxes';

/**
 * An XML canonicalisation for comparing IATI activities: attributes sorted,
 * namespace declarations dropped, xml:lang resolved on each narrative (it
 * inherits from the activity), text trimmed, whitespace between elements
 * ignored, and narratives compared regardless of their order (IATI gives
 * narratives in several languages no order). Everything else keeps its order.
 */
export interface CanonicalElement {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: CanonicalElement[];
}

export function canonicalActivities(xml: string): CanonicalElement[] {
  const parser = new SaxesParser({ xmlns: false });
  const stack: { el: CanonicalElement; lang: string }[] = [];
  const out: CanonicalElement[] = [];
  parser.on('opentag', (tag) => {
    const parentLang = stack[stack.length - 1]?.lang ?? 'en';
    const lang = tag.attributes['xml:lang'] ?? parentLang;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) if (!k.startsWith('xmlns') && k !== 'xml:lang') attrs[k] = v;
    if (tag.name === 'narrative') attrs['xml:lang'] = lang;
    const el: CanonicalElement = { name: tag.name, attrs, text: '', children: [] };
    stack[stack.length - 1]?.el.children.push(el);
    stack.push({ el, lang });
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top !== undefined) top.el.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const top = stack.pop();
    if (top === undefined) return;
    top.el.text = top.el.text.trim();
    const narratives = top.el.children.filter((c) => c.name === 'narrative').sort((a, b) => key(a).localeCompare(key(b)));
    let n = 0;
    top.el.children = top.el.children.map((c) => (c.name === 'narrative' ? (narratives[n++] ?? c) : c));
    if (top.el.name === 'iati-activity') out.push(top.el);
  });
  parser.write(xml).close();
  return out;
}

const key = (e: CanonicalElement): string =>
  `<${e.name}${Object.keys(e.attrs)
    .sort()
    .map((k) => ` ${k}="${e.attrs[k] ?? ''}"`)
    .join('')}>${e.text}${e.children.map(key).join('')}</${e.name}>`;

export const canonicalString = key;

/**
 * What of `original` is missing from `exported`, as element paths: every
 * element, attribute and text of the original must be there; the export may
 * add (an attribute IATI defaults, our extension attributes), never lose.
 */
export function missingFrom(original: CanonicalElement, exported: CanonicalElement | undefined, path = original.name): string[] {
  if (exported === undefined) return [path];
  const out: string[] = [];
  for (const [k, v] of Object.entries(original.attrs)) if (exported.attrs[k] !== v) out.push(`${path}/@${k}: "${v}" became "${exported.attrs[k] ?? '(nothing)'}"`);
  if (original.text !== exported.text) out.push(`${path}/text(): "${original.text.slice(0, 40)}" became "${exported.text.slice(0, 40)}"`);
  // Children in order: each original child matches the next exported child of the same name that contains it.
  let from = 0;
  const counts = new Map<string, number>();
  for (const c of original.children) {
    const n = (counts.get(c.name) ?? 0) + 1;
    counts.set(c.name, n);
    const childPath = `${path}/${c.name}[${n}]`;
    let hit = -1;
    for (let i = from; i < exported.children.length; i += 1) {
      const e = exported.children[i];
      if (e !== undefined && e.name === c.name && missingFrom(c, e, childPath).length === 0) {
        hit = i;
        break;
      }
    }
    if (hit >= 0) from = hit + 1;
    else out.push(...missingFrom(c, exported.children.slice(from).find((e) => e.name === c.name), childPath));
  }
  return out;
}
