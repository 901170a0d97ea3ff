import { fakerDE } from '@faker-js/faker';

/** mulberry32: a small, fast, seeded 32-bit generator (for UUIDv7 random bits). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The German faker, seeded: every generator starts from here so a run's data is the same each time. */
export function seededFaker(seed: number) {
  fakerDE.seed(seed);
  return fakerDE;
}

/** n distinct values from a generator function (gives up on distinctness after enough tries). */
export function pool(n: number, make: () => string): string[] {
  const seen = new Set<string>();
  for (let tries = 0; seen.size < n && tries < n * 20; tries++) seen.add(make());
  return [...seen];
}
