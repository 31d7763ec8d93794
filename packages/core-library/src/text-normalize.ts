// Letters NFKD does not decompose into a base letter plus marks.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};
const SPECIAL_PATTERN = /[ßæœøłđðþı]/g;
const MARKS = /\p{M}+/gu;
const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;

/**
 * Folds text for comparison: lower case, accents removed (`Beyoncé` → `beyonce`),
 * a few special letters spelled out (`ß` → `ss`).
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(SPECIAL_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter);
}

/** A sort key: folded, whitespace collapsed and trimmed. IndexedDB orders it by code unit. */
export function sortKey(text: string | undefined): string {
  if (text === undefined) return "";
  return foldText(text).replace(/\s+/g, " ").trim();
}

/** The folded words of a text, in order, without punctuation. */
export function foldedWords(text: string | undefined): string[] {
  if (text === undefined || text === "") return [];
  return foldText(text)
    .split(WORD_SEPARATORS)
    .filter((word) => word !== "");
}
