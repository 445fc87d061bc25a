import { describe, expect, it } from 'vitest';
import { hxlCsv } from './hxl-csv.js';

describe('HXL CSV', () => {
  it('puts the hashtag row right under the header and quotes cells safely', () => {
    const csv = hxlCsv(
      [
        { header: 'Organisation', tag: '#org+name', value: (r: { org: string; usd: string }) => r.org },
        { header: 'Value (USD)', tag: '#value+usd', value: (r: { org: string; usd: string }) => r.usd },
      ],
      [{ org: 'Lviv, "West"', usd: '10.00' }, { org: '=cmd()', usd: '-5.00' }],
    );
    expect(csv.split('\r\n')).toEqual(['Organisation,Value (USD)', '#org+name,#value+usd', '"Lviv, ""West""",10.00', "'=cmd(),-5.00", '']);
  });
});
