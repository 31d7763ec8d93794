import type { ByteCursor } from "../byte-cursor.js";

/** Base64 characters fetched per request at most, so a big picture is not held twice. */
const MAX_CHUNK_CHARS = 256 * 1024;

const SEXTETS = new Int8Array(256).fill(-1);
for (const [index, char] of [
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
].entries()) {
  SEXTETS[char.charCodeAt(0)] = index;
}
const WHITESPACE = new Set([0x09, 0x0a, 0x0d, 0x20]);
const PADDING = 0x3d;

/**
 * Decodes a base64 value as it is read from another cursor, a chunk at a
 * time: the picture in an Ogg METADATA_BLOCK_PICTURE comment is read into
 * its final buffer without holding the whole base64 text.
 */
export class Base64Cursor implements ByteCursor {
  readonly #inner: ByteCursor;
  #remainingChars: number;
  #bits = 0;
  #bitCount = 0;
  #finished = false;
  #pending: Uint8Array = new Uint8Array(0);
  #position = 0;

  /** @param inner - At the value's first character; `length` characters are base64. */
  constructor(inner: ByteCursor, length: number) {
    this.#inner = inner;
    this.#remainingChars = length;
  }

  get position(): number {
    return this.#position;
  }

  /** At most this many decoded bytes are left. */
  get maxRemaining(): number {
    return this.#pending.length + Math.floor(((this.#remainingChars + 1) * 6) / 8);
  }

  /**
   * The next `length` decoded bytes; fewer only where the value ends.
   *
   * @throws Error on a character that is not base64.
   */
  async read(length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.maxRemaining));
    const output = new Uint8Array(wanted);
    let filled = Math.min(wanted, this.#pending.length);
    output.set(this.#pending.subarray(0, filled));
    this.#pending = this.#pending.subarray(filled);
    while (filled < wanted && this.#remainingChars > 0 && !this.#finished) {
      const chars = Math.min(
        this.#remainingChars,
        MAX_CHUNK_CHARS,
        Math.ceil(((wanted - filled) * 4) / 3) + 4,
      );
      const raw = await this.#inner.read(chars);
      this.#remainingChars = raw.length < chars ? 0 : this.#remainingChars - chars;
      const decoded = this.#decode(raw);
      const used = Math.min(decoded.length, wanted - filled);
      output.set(decoded.subarray(0, used), filled);
      filled += used;
      this.#pending = decoded.subarray(used);
    }
    this.#position += filled;
    return filled === wanted ? output : output.subarray(0, filled);
  }

  async skip(length: number): Promise<number> {
    return (await this.read(length)).length;
  }

  async seek(): Promise<void> {
    throw new Error("A base64 value is read forward only.");
  }

  #decode(chars: Uint8Array): Uint8Array {
    const output = new Uint8Array(Math.ceil((chars.length * 6) / 8));
    let written = 0;
    for (const char of chars) {
      if (this.#finished || WHITESPACE.has(char)) continue;
      if (char === PADDING) {
        this.#finished = true;
        continue;
      }
      const sextet = SEXTETS[char] ?? -1;
      if (sextet < 0) throw new Error(`Invalid base64 character ${char} in a picture comment.`);
      this.#bits = ((this.#bits << 6) | sextet) & 0xffff;
      this.#bitCount += 6;
      if (this.#bitCount >= 8) {
        this.#bitCount -= 8;
        output[written++] = (this.#bits >> this.#bitCount) & 0xff;
      }
    }
    return output.subarray(0, written);
  }
}
