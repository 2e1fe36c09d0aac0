/** The seed a job is made with: the chosen one, else a fresh one (so the record, or the engine's answer, can say which made the result). */
export const seedFor = (chosen: number | null | undefined) => chosen ?? Math.floor(Math.random() * 2 ** 31);
