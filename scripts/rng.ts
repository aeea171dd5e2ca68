/** The suites' seeded random source (crash suite, fuzz), so a run's choices can be replayed from its seed. */

/** A seeded random source in [0, 1). */
export type Rng = () => number;

/** A small, fast, seeded generator (mulberry32). */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
