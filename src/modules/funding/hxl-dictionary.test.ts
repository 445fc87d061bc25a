import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { areaCodesOf } from '../geography/pcodes.js';
import { FLOWS, THREE_W } from './projects.hxl.js';

/** Every hashtag and attribute the HXL standard's own chooser knows (HXLStandard/hxl-hashtag-chooser). */
function hxlDictionary(): { hashtags: Set<string>; attributes: Set<string> } {
  const hashtags = new Set<string>();
  const attributes = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Record<string, unknown>;
      if (typeof o.hashtag === 'string') hashtags.add(o.hashtag);
      if (typeof o.attribute === 'string') attributes.add(o.attribute);
      Object.values(o).forEach(walk);
    }
  };
  walk(JSON.parse(fs.readFileSync('../shared/data/interop/hxl/hxl-knowledge-base.json', 'utf8')));
  return { hashtags, attributes };
}

describe('HXL exports speak the standard', () => {
  const { hashtags, attributes } = hxlDictionary();

  it.each([
    ['3w', THREE_W],
    ['flows', FLOWS],
  ] as const)('every hashtag and attribute of the %s dataset is in the HXL dictionary', (_name, columns) => {
    for (const { tag } of columns) {
      const [hashtag = '', ...atts] = tag.slice(1).split('+');
      expect(hashtags, `${tag}: #${hashtag}`).toContain(hashtag);
      for (const a of atts) expect(attributes, `${tag}: +${a}`).toContain(a);
    }
  });

  it('puts the OCHA P-code in #adm1+code and #adm2+code, and KATOTTG apart', () => {
    expect(THREE_W.find((c) => c.tag === '#adm1+code')?.header).toBe('Oblast P-code');
    expect(THREE_W.find((c) => c.tag === '#adm1+id')?.header).toBe('Oblast KATOTTG');
    // Luhansk oblast: ISO 3166-2 UA-09, P-code UA44; a raion of Lviv oblast; Kyiv city.
    expect(areaCodesOf('UA44000000000018893')).toEqual({ adm1Pcode: 'UA44', adm1Katottg: 'UA44000000000018893', adm1NameEn: 'Luhansk Oblast', adm2Pcode: null });
    expect(areaCodesOf('UA46060000000042587')).toMatchObject({ adm1Pcode: 'UA46', adm2Pcode: 'UA4606' });
    expect(areaCodesOf('UA80000000000093317')).toMatchObject({ adm1Pcode: 'UA80', adm2Pcode: null });
    expect(areaCodesOf('UA99000000000000000')).toBeNull();
  });
});
