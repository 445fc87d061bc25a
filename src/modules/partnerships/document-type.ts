/**
 * What a file really is, from its first bytes (magic numbers), whatever its
 * name or declared type says: only PDF and common images may be attached.
 */
const SIGNATURES: readonly { mediaType: string; matches(b: Buffer): boolean }[] = [
  { mediaType: 'application/pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mediaType: 'image/png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mediaType: 'image/jpeg', matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mediaType: 'image/webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export const DOCUMENT_TYPES: readonly string[] = SIGNATURES.map((s) => s.mediaType);

/** The media type the bytes are, or undefined when they are none of the allowed ones. */
export function detectDocumentType(bytes: Buffer): string | undefined {
  return SIGNATURES.find((s) => s.matches(bytes))?.mediaType;
}
