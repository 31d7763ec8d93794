import type { StorageByteSource } from "./byte-source.js";

/**
 * A forward reader over a run of bytes that may be scattered in the file (an
 * Ogg packet split over pages) or not (a FLAC metadata block).
 */
export interface ByteCursor {
  /** Bytes consumed so far, from the start of the run. */
  readonly position: number;
  /** The next `length` bytes; fewer only where the run (or the file) ends. */
  read(length: number): Promise<Uint8Array>;
  /** Moves `length` bytes on without fetching them; returns how far it moved. */
  skip(length: number): Promise<number>;
  /** Moves to a position of the run (back to a field seen earlier, say). */
  seek(position: number): Promise<void>;
}

/** Bytes fetched at once when a cursor has to ask the drive: tags come in small fields. */
export const CURSOR_READ_AHEAD = 4 * 1024;

/** A {@link ByteCursor} over the contiguous bytes `start .. start + length - 1` of a file. */
export class FileRangeCursor implements ByteCursor {
  readonly #source: StorageByteSource;
  readonly #start: number;
  readonly #length: number;
  #position = 0;

  constructor(source: StorageByteSource, start: number, length: number) {
    this.#source = source;
    this.#start = start;
    this.#length = length;
  }

  get position(): number {
    return this.#position;
  }

  async read(length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.#length - this.#position));
    const bytes = await this.#source.read(
      this.#start + this.#position,
      wanted,
      Math.min(CURSOR_READ_AHEAD, this.#length - this.#position),
    );
    this.#position += bytes.length;
    return bytes;
  }

  async skip(length: number): Promise<number> {
    const size = this.#source.size ?? Number.POSITIVE_INFINITY;
    const end = Math.min(this.#length, size - this.#start);
    const moved = Math.max(0, Math.min(length, end - this.#position));
    this.#position += moved;
    return moved;
  }

  async seek(position: number): Promise<void> {
    this.#position = Math.max(0, Math.min(position, this.#length));
  }
}

/** Reads a little-endian u32 from a cursor; undefined when the run ends first. */
export async function readU32le(cursor: ByteCursor): Promise<number | undefined> {
  const bytes = await cursor.read(4);
  if (bytes.length < 4) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
}

/** Reads a big-endian u32 from a cursor; undefined when the run ends first. */
export async function readU32be(cursor: ByteCursor): Promise<number | undefined> {
  const bytes = await cursor.read(4);
  if (bytes.length < 4) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
}
