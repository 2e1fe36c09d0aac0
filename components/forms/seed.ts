/** The seed field's two draft values (see SeedField) and the API's seed; plain functions, for forms and for the pages that start them. */

/** The seed text as the API takes it: null for random. */
export function seedValue(seed: string, random: boolean): number | null {
  if (random || seed.trim() === "") return null;
  return Number(seed);
}

/** The draft fields for a job's seed: fixed when it had one, else Random. */
export function seedDraft(seed: number | null | undefined): { seed: string; randomSeed: boolean } {
  return seed != null ? { seed: String(seed), randomSeed: false } : { seed: "", randomSeed: true };
}
