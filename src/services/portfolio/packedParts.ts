/**
 * A packed (base64) text kept in several stored values: each part well under KVS's 240 KiB a value,
 * its envelope included. The remembered answers (answerMemo.ts) and the cards' digest
 * (cardsDigest.ts) split their text this way and join it back in order.
 */
const PART_CHARS = 200_000;

/** The text in parts of at most PART_CHARS characters, in order; one (possibly empty) part at least. */
export function splitIntoParts(text: string): string[] {
  const count = Math.max(1, Math.ceil(text.length / PART_CHARS));
  return Array.from({ length: count }, (_, index) => text.slice(index * PART_CHARS, (index + 1) * PART_CHARS));
}
