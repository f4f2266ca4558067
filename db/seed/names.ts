/** Name lists for generated demo and scale data. */
export const FIRST_NAMES = [
  "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannah", "Ilse", "Jonas", "Katrin", "Lukas",
  "Marie", "Niklas", "Olga", "Paul", "Quirin", "Rosa", "Sven", "Tanja", "Ulrich", "Vera", "Wolfgang", "Yvonne",
  "Zeynep", "Ahmet", "Birgit", "Carsten", "Doris", "Erik", "Frieda", "Günter", "Heike", "Ingo", "Jana", "Karl",
  "Lena", "Martin", "Nora", "Oliver", "Petra", "Ralf", "Sabine", "Thomas", "Ute", "Volker", "Wiebke", "Jörg",
];
export const LAST_NAMES = [
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
  "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
  "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
  "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser",
  "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Yılmaz", "Nowak",
];

/** Deterministic pseudo-random generator, so seeds are reproducible. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)];
}
