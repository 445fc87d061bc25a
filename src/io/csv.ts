/** One CSV line (RFC 4180): fields with commas, quotes or line breaks are quoted. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) continue;
    const s = typeof v === 'number' ? String(v) : v;
    out += /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  return `${out}\r\n`;
}
