/**
 * Seeded UUIDv7 strings from a given instant, for millions of rows: the 48-bit millisecond time,
 * version 7, variant 10 and 74 random bits from a seeded generator. Ids made from increasing
 * instants sort in that order (ties broken by the random bits), like `uuidv7()` in the server.
 */
export function uuidv7Factory(nextUint32: () => number): (ms: number) => string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  return (ms: number) => {
    const t = Math.floor(ms);
    const high = Math.floor(t / 0x10000); // upper 32 bits of the 48-bit time
    const low = t % 0x10000;
    const r1 = nextUint32();
    const r2 = nextUint32();
    const r3 = nextUint32();
    return (
      `${hex(high, 8)}-${hex(low, 4)}-7${hex(r1 >>> 20, 3)}-` +
      `${hex(0x8000 | ((r1 >>> 6) & 0x3fff), 4)}-${hex(r2 >>> 8, 6)}${hex(r3 >>> 8, 6)}`
    );
  };
}
