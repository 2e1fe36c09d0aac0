/** A seed is always sent, so the record can say which one made the result. */
export const seedFor = (chosen: number | null | undefined) => chosen ?? Math.floor(Math.random() * 2 ** 31);
