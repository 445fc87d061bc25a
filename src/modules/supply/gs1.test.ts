import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, gs1Date, hasValidCheckDigit, normaliseGtin, parseGs1, readGs1 } from './gs1.js';

const GS = '\u001d';
// 09506000134352 is GS1's own example GTIN (check digit 2).
const GTIN = '09506000134352';

describe('GS1 check digits', () => {
  it.each([
    ['0950600013435', 2],
    ['629104150021', 3],
    ['400638133393', 1],
    ['9638507', 4],
    ['00000000000000000', 0],
    ['10614141123456789', 7],
  ])('the check digit of %s is %i', (body, digit) => expect(gs1CheckDigit(body)).toBe(digit));

  it('normalises GTIN-8/12/13 to GTIN-14 and names the expected digit when it is wrong', () => {
    expect(normaliseGtin('96385074')).toEqual({ gtin: '00000096385074' });
    expect(normaliseGtin('6291041500213')).toEqual({ gtin: '06291041500213' });
    expect(normaliseGtin('6291041500214')).toEqual({ error: 'GTIN 6291041500214 has a wrong check digit: 4 (expected 3)' });
    expect(normaliseGtin('12345')).toMatchObject({ error: expect.stringContaining('8, 12, 13 or 14 digits') as string });
    expect(hasValidCheckDigit(GTIN)).toBe(true);
    expect(hasValidCheckDigit('09506000134353')).toBe(false);
  });
});

describe('GS1 dates', () => {
  it.each([
    ['251231', '2025-12-31'],
    ['260200', '2026-02-28'],
    ['280200', '2028-02-29'],
    ['250400', '2025-04-30'],
    ['990101', '1999-01-01'],
    ['740101', '2074-01-01'],
    ['750101', '1975-01-01'],
  ])('%s is %s (day 00 = end of month; century by the 50-year window from 2024)', (raw, iso) => expect(gs1Date(raw, '17', 2024)).toBe(iso));

  it.each([
    ['251301', 'there is no month 13'],
    ['250001', 'there is no month 00'],
    ['250230', '2025-02 has 28 days'],
    ['250431', '2025-04 has 30 days'],
    ['2512', 'must be 6 digits'],
    ['25AB01', 'must be 6 digits'],
  ])('refuses %s: %s', (raw, message) => expect(() => gs1Date(raw, '17', 2024)).toThrow(message));
});

describe('parseGs1', () => {
  it('reads the bracketed form', () => {
    expect(parseGs1(`(01)${GTIN}(17)271130(10)AB-123(21)SER9`, 2025)).toMatchObject({ gtin: GTIN, expiry: '2027-11-30', lot: 'AB-123', serial: 'SER9' });
  });

  it('reads what a scanner types: fixed-length AIs run on, variable ones end at the group separator', () => {
    expect(parseGs1(`01${GTIN}17271100` + `10LOT42${GS}21XYZ`, 2025)).toMatchObject({ gtin: GTIN, expiry: '2027-11-30', lot: 'LOT42', serial: 'XYZ' });
    // Variable field last needs no separator; the lot may come before the expiry.
    expect(parseGs1(`01${GTIN}10LOT42${GS}17270131`, 2025)).toMatchObject({ lot: 'LOT42', expiry: '2027-01-31' });
  });

  it('strips the symbology identifier and a leading FNC1, and accepts the visible GS picture a keyboard wedge may type', () => {
    expect(parseGs1(`]d2${GS}01${GTIN}10A1${GS}21S1`, 2025)).toMatchObject({ gtin: GTIN, lot: 'A1', serial: 'S1' });
    expect(parseGs1(`]C101${GTIN}10A1\u241d21S1`, 2025)).toMatchObject({ lot: 'A1', serial: 'S1' });
    expect(parseGs1(`  (01)${GTIN}(10)A1\r\n`, 2025)).toMatchObject({ lot: 'A1' });
    // EAN-13 on a pack is its GTIN.
    expect(parseGs1(']E09506000134352', 2025)).toMatchObject({ gtin: GTIN });
  });

  it('reads SSCC, counts, best-before and production dates, and ignores company-internal AIs', () => {
    expect(parseGs1(`(00)106141411234567897(02)${GTIN}(37)48(15)260315(11)250101(91)INTERNAL`, 2025)).toMatchObject({ sscc: '106141411234567897', containedGtin: GTIN, containedCount: 48, bestBefore: '2026-03-15', productionDate: '2025-01-01', gtin: null });
    expect(parseGs1(`01${GTIN}3012`, 2025).variableCount).toBe(12);
    // (30) and (37) are two AIs, not one read twice.
    expect(parseGs1(`(00)106141411234567897(02)${GTIN}(30)12(37)5`, 2025)).toMatchObject({ variableCount: 12, containedCount: 5 });
  });

  it('takes an AI repeated with the same value once, and refuses it with two values', () => {
    expect(readGs1(`(01)${GTIN}(91)A(91)A`, 'full', 2025).elements.map((e) => e.ai)).toEqual(['01', '91']);
    expect(() => parseGs1(`(01)${GTIN}(91)A(91)B`, 2025)).toThrow('(91) INTERNAL appears twice with different values ("A" and "B")');
  });

  it('reads every AI of the dictionary at check=syntax, and only its own at check=full, naming the ones it reads', () => {
    expect(readGs1(`(01)${GTIN}(3103)001250(4321)1`, 'syntax', 2025).elements).toEqual([
      { ai: '01', title: 'GTIN', value: GTIN },
      { ai: '3103', title: 'NET WEIGHT (kg)', value: '001250' },
      { ai: '4321', title: 'DANGEROUS GOODS', value: '1' },
    ]);
    expect(() => parseGs1(`(01)${GTIN}(3103)001250`, 2025)).toThrow('(3103) NET WEIGHT (kg) is not an AI Carebridge uses; it reads (00) SSCC, (01) GTIN, (02) CONTENT, (10) BATCH/LOT, (11) PROD DATE, (15) BEST BEFORE or BEST BY, (17) USE BY or EXPIRY, (21) SERIAL, (240) ADDITIONAL ID, (241) CUST. PART No., (30) VAR. COUNT, (37) COUNT, (710) NHRN PZN, (711) NHRN CIP, (712) NHRN CN, (713) NHRN DRN, (714) NHRN AIM, (91)–(99) INTERNAL');
  });

  it('applies the pairing rules at check=full only', () => {
    expect(readGs1(`(01)${GTIN}(37)5`, 'syntax', 2025).data.gtin).toBe(GTIN);
    expect(() => parseGs1(`(01)${GTIN}(37)5`, 2025)).toThrow("(01) GTIN and (37) COUNT cannot be in the same scan: GS1's rule for (01) excludes (37) COUNT");
    expect(() => parseGs1('(10)LOT1', 2025)).toThrow('(10) BATCH/LOT needs (01) GTIN, (02) CONTENT');
  });

  it.each([
    [`(01)09506000134353(17)271130`, '(01) GTIN: 09506000134353 has a wrong check digit: 3 (expected 2)'],
    [`0109506000134353`, 'wrong check digit'],
    [`(00)106141411234567890`, '(00) SSCC: 106141411234567890 has a wrong check digit'],
    [`(01)${GTIN}(17)271331`, '(17) USE BY or EXPIRY: date "271331" is impossible: there is no month 13'],
    [`01${GTIN}17270230`, '2027-02 has 28 days'],
    [`(01)${GTIN}(10)ABCDEFGHIJKLMNOPQRSTU`, '(10) BATCH/LOT is too long: 21 characters, at most 20 allowed'],
    [`01${GTIN}10ABCDEFGHIJKLMNOPQRSTUVWXYZ`, '(10) BATCH/LOT is too long'],
    [`(01)${GTIN}(21)${'S'.repeat(21)}`, '(21) SERIAL is too long'],
    [`(01)${GTIN}(44)X`, '(44) is not a GS1 Application Identifier; Carebridge reads (00) SSCC'],
    [`01${GTIN}4412`, 'no GS1 Application Identifier at "4412"'],
    [`(01)0950600013435`, '(01) GTIN must be exactly 14 digits (got 13'],
    [`01095060001343`, '(01) GTIN must be exactly 14 digits'],
    [`(01)${GTIN}(10)`, '(10) BATCH/LOT is empty'],
    [`(01)${GTIN}(10)AB CD`, 'has a character GS1 does not allow here: " " (space)'],
    [`(01)${GTIN}(10)A1 `, 'has a character GS1 does not allow here: " " (space)'],
    [`(01)${GTIN}(01)09506000134369`, '(01) GTIN appears twice with different values'],
    [`(01)${GTIN}junk`, '(01) GTIN must be exactly 14 digits (got 18'],
    [`(01${GTIN}`, 'malformed bracketed element string'],
    [`ABC`, 'is not a GS1 element string'],
    [``, 'the scan is empty'],
    [`(01)${GTIN}(30)12A`, '(30) VAR. COUNT "12A" has a character GS1 does not allow here: "A"; digits only'],
    [`]d1ABC`, 'symbology ]d1, which carries no GS1 element string'],
  ])('refuses %j: %s', (input, message) => expect(() => parseGs1(input, 2025)).toThrow(message));
});
