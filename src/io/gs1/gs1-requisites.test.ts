import { describe, expect, it } from 'vitest';
import { GS1_AIS } from './gs1-ai-table.generated.js';
import { checkGs1Requisites } from './gs1-requisites.js';

const messages = (ais: string[]) => checkGs1Requisites(ais).map((p) => p.message);

describe("GS1's pairing rules (req= and ex=)", () => {
  it('refuses (01) with (37) naming the rule, and (37) without its SSCC and content GTIN', () => {
    expect(messages(['01', '37'])).toEqual([
      "(01) GTIN and (37) COUNT cannot be in the same scan: GS1's rule for (01) excludes (37) COUNT",
      '(37) COUNT needs (00) SSCC in the same scan',
      '(37) COUNT needs (02) CONTENT or (8026) ITIP CONTENT in the same scan',
    ]);
  });

  it('flags a lone (10), (17) or (21)', () => {
    expect(messages(['10'])).toEqual(['(10) BATCH/LOT needs (01) GTIN, (02) CONTENT, (03) MTO GTIN, (8006) ITIP or (8026) ITIP CONTENT in the same scan']);
    expect(messages(['17'])).toEqual(['(17) USE BY or EXPIRY needs (01) GTIN, (02) CONTENT, (03) MTO GTIN, (255) GCN, (8006) ITIP or (8026) ITIP CONTENT in the same scan']);
    expect(messages(['21'])).toEqual(['(21) SERIAL needs (01) GTIN, (03) MTO GTIN or (8006) ITIP in the same scan']);
  });

  it('reads patterns (310n excludes another 310n, not itself) and alternatives joined by +', () => {
    expect(messages(['01', '3102'])).toEqual([]);
    expect(messages(['01', '3102', '3103'])).toEqual(["(3102) NET WEIGHT (kg) and (3103) NET WEIGHT (kg) cannot be in the same scan: GS1's rule for (3102) excludes (310n)"]);
    expect(messages(['01', '8040'])).toEqual(['(8040) IMEI needs (01) GTIN with (21) SERIAL in the same scan']);
    expect(messages(['01', '21', '8040'])).toEqual([]);
  });

  it('accepts the logistic label and the medicine pack', () => {
    expect(messages(['00', '02', '37', '15', '11', '91'])).toEqual([]);
    expect(messages(['01', '17', '10', '21', '714'])).toEqual([]);
  });

  // One case per rule of the AIs Carebridge reads: broken without its partner, kept with it.
  const cases: [string, string[], string[]][] = [
    ['(01) excludes (255)', ['01', '255'], ['01']],
    ['(01) excludes (37)', ['01', '37'], ['01']],
    ['(10) needs a GTIN', ['10'], ['01', '10']],
    ['(21) needs a GTIN', ['21'], ['01', '21']],
    ['(02) needs (37)', ['00', '02'], ['00', '02', '37']],
    ['(02) excludes (01)', ['00', '01', '02', '37'], ['00', '02', '37']],
    ['(02) excludes (03)', ['00', '02', '03', '37'], ['00', '02', '37']],
    ['(11) needs a GTIN', ['11'], ['01', '11']],
    ['(15) needs a GTIN', ['15'], ['02', '15', '37', '00']],
    ['(17) needs a GTIN', ['17'], ['01', '17']],
    ['(21) excludes (235)', ['01', '21', '235'], ['01', '21']],
    ['(30) needs (01) or (02)', ['30'], ['01', '30']],
    ['(37) needs (00)', ['02', '37'], ['00', '02', '37']],
    ['(37) needs (02) or (8026)', ['00', '37'], ['00', '02', '37']],
    ['(240) needs a GTIN', ['240'], ['01', '240']],
    ['(241) needs a GTIN', ['241'], ['01', '241']],
    ...['710', '711', '712', '713', '714'].map((ai): [string, string[], string[]] => [`(${ai}) needs (01)`, [ai], ['01', ai]]),
  ];
  it.each(cases)('%s', (rule, broken, kept) => {
    expect(checkGs1Requisites(broken).map((p) => p.ai)).toContain(rule.slice(1, rule.indexOf(')')));
    expect(checkGs1Requisites(kept)).toEqual([]);
  });

  it('covers every rule of the AIs Carebridge reads', () => {
    const supported = ['00', '01', '02', '10', '11', '15', '17', '21', '30', '37', '240', '241', '710', '711', '712', '713', '714', '91'];
    const rules = supported.reduce((n, ai) => n + (GS1_AIS[ai]?.req.length ?? 0) + (GS1_AIS[ai]?.ex.length ?? 0), 0);
    expect(rules).toBe(cases.length);
  });
});
