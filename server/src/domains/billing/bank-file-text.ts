/** A bank file's bytes as text: German banks export UTF-8 and Windows-1252 alike (MT940, CSV). */

/**
 * Windows-1252 characters of the bytes 0x80–0x9F, which ISO 8859-1 leaves to control characters;
 * the five bytes Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as they are.
 */
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Decodes the bytes: UTF-8 when they are valid UTF-8, else Windows-1252 (reported as `latin1`,
 * which it extends by €, „, “, –, … in 0x80–0x9F) — German exports use both.
 */
export function decodeText(buffer: Buffer): { text: string; encoding: 'utf-8' | 'latin1' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    const text = buffer
      .toString('latin1')
      .replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
    return { text, encoding: 'latin1' };
  }
}
