import type { SeededRandom } from "../context.js";
import {
  ADJECTIVES,
  FIRST_NAMES,
  LAST_NAMES,
  NOUNS,
  PLACES,
  PLURAL_NOUNS,
  TIMES,
  TITLE_SUFFIXES,
  VERBS,
} from "./name-words.js";

/** Makes plausible artist, album and track names from a seeded random source. */
export interface NameGenerator {
  artist(): string;
  album(): string;
  title(): string;
  /** One element of `list`, chosen by the random source. */
  pick<T>(list: readonly T[]): T;
}

/**
 * Creates a {@link NameGenerator}; the same random state gives the same names.
 *
 * @param random - Where every choice comes from.
 */
export function createNameGenerator(random: SeededRandom): NameGenerator {
  const pick = <T>(list: readonly T[]): T => {
    const value = list[random.integer(0, list.length - 1)];
    if (value === undefined) throw new RangeError("Cannot pick from an empty list.");
    return value;
  };
  const adjective = () => pick(ADJECTIVES);
  const noun = () => pick(NOUNS);

  const artistPatterns: readonly (() => string)[] = [
    () => `The ${pick(PLURAL_NOUNS)}`,
    () => `The ${adjective()} ${pick(PLURAL_NOUNS)}`,
    () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    () => `${adjective()} ${noun()}`,
    () => `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)} & the ${pick(PLURAL_NOUNS)}`,
    () => `${noun()} ${noun()}`,
  ];
  const albumPatterns: readonly (() => string)[] = [
    () => `${adjective()} ${noun()}`,
    () => `${noun()} of ${noun()}`,
    () => `The ${noun()}`,
    () => `Songs from the ${noun()}`,
    () => `Nights in ${pick(PLACES)}`,
    () => `${noun()} & ${noun()}`,
    () => adjective(),
    () => `${pick(TIMES)} ${noun()}`,
  ];
  const titlePatterns: readonly (() => string)[] = [
    () => `${pick(VERBS)} the ${noun()}`,
    () => `${adjective()} ${noun()}`,
    () => `${noun()} in the ${noun()}`,
    () => `Don't ${pick(VERBS)} the ${noun()}`,
    () => noun(),
    () => `Until ${pick(TIMES)}`,
    () => `${pick(PLACES)} ${pick(TIMES)}`,
    () => `The ${adjective()} ${noun()}`,
    () => `${pick(PLURAL_NOUNS)} and ${pick(PLURAL_NOUNS)}`,
    () => `I ${pick(VERBS)} You`,
  ];

  return {
    pick,
    artist: () => pick(artistPatterns)(),
    album: () => pick(albumPatterns)(),
    title: () => {
      const title = pick(titlePatterns)();
      return random.next() < 0.06 ? `${title}${pick(TITLE_SUFFIXES)}` : title;
    },
  };
}

/**
 * Draws names until one is not in `used` (compared case-insensitively, as
 * OneDrive does), then records it there.
 *
 * @param used - Lower-cased names already taken in the same scope.
 * @param make - Draws a candidate name.
 * @returns A fresh name; after a few misses, a numbered variant ("Name 2").
 */
export function uniqueName(used: Set<string>, make: () => string): string {
  let name = make();
  for (let attempt = 0; attempt < 8 && used.has(name.toLowerCase()); attempt++) name = make();
  // A crowded scope (thousands of artists) may exhaust retries; numbering always ends it.
  const base = name;
  for (let suffix = 2; used.has(name.toLowerCase()); suffix++) name = `${base} ${suffix}`;
  used.add(name.toLowerCase());
  return name;
}
