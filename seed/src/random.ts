import { fakerZH_CN } from '@faker-js/faker';

/** The seed every build starts from, so the demo city is the same on every machine and run. */
export const SEED = 2026;

/**
 * A thin, typed wrapper over faker's seeded generator. Builders take an `Rng` instead of calling
 * faker directly so the order of draws is explicit and one build never depends on another.
 */
export type Rng = {
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  digits(n: number): string;
};

export function createRng(seed: number = SEED): Rng {
  const faker = fakerZH_CN;
  faker.seed(seed);
  return {
    int: (min, max) => faker.number.int({ min, max }),
    chance: (p) => faker.number.float({ min: 0, max: 1 }) < p,
    pick: <T>(items: readonly T[]) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[faker.number.int({ min: 0, max: items.length - 1 })] as T;
    },
    weighted: <T>(items: readonly (readonly [T, number])[]) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = faker.number.float({ min: 0, max: total });
      for (const [value, w] of items) {
        r -= w;
        if (r <= 0) return value;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
    digits: (n) => faker.string.numeric({ length: n, allowLeadingZeros: true }),
  };
}
