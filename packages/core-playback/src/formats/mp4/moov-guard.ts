/**
 * Checks the sample tables of a `moov` before mp4box parses it: mp4box trusts
 * entry counts (a constant-size `stsz` claiming 4 billion samples makes it
 * loop 4 billion times), so every count must fit in its box first.
 */
import { hostileStructure, parseBoxHeader } from "./top-level-boxes.js";

/** ~100 hours of AAC at 1024 frames per sample; more is not a music file. */
export const MAX_SAMPLES_PER_TRACK = 16 * 1024 * 1024;

/** Boxes on the way from `moov` to the sample tables. */
const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "edts"]);

/** Bytes per entry of the tables whose layout is `version/flags, entry_count, entries`. */
const ENTRY_BYTES: Record<string, (version: number) => number> = {
  stts: () => 8,
  ctts: () => 8,
  stsc: () => 12,
  stco: () => 4,
  co64: () => 8,
  stss: () => 4,
  elst: (version) => (version === 1 ? 20 : 12),
  // Sample entries are boxes of at least a header each.
  stsd: () => 8,
};

/**
 * Throws PlayerError `playback/decode-failed` when a child box overruns its
 * parent or a table's entry count does not fit in the table.
 */
export function assertSaneMoov(moov: Uint8Array): void {
  const root = parseBoxHeader(moov, 0, 0);
  if (root === undefined || root.type !== "moov") throw hostileStructure("no moov header");
  checkChildren(moov, root.headerSize, moov.length);
}

function checkChildren(bytes: Uint8Array, start: number, end: number): void {
  let offset = start;
  // Each pass moves at least 8 bytes forward, so the loop ends within the box.
  while (offset + 8 <= end) {
    const box = parseBoxHeader(bytes, offset, offset);
    if (box === undefined) throw hostileStructure(`a box header cut off at ${offset} in moov`);
    const size = Number.isFinite(box.size) ? box.size : end - offset;
    if (size < box.headerSize || offset + size > end) {
      throw hostileStructure(`the ${box.type} box at ${offset} in moov claims ${size} bytes`);
    }
    const payload = offset + box.headerSize;
    if (CONTAINERS.has(box.type)) checkChildren(bytes, payload, offset + size);
    else checkTable(bytes, box.type, payload, offset + size);
    offset += size;
  }
}

function checkTable(bytes: Uint8Array, type: string, payload: number, end: number): void {
  const entryBytes = ENTRY_BYTES[type];
  if (entryBytes === undefined && type !== "stsz" && type !== "stz2") return;
  if (end - payload < 8) throw hostileStructure(`a ${type} box too short for its header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + payload, end - payload);
  const version = view.getUint8(0);
  if (type === "stsz" || type === "stz2") {
    if (end - payload < 12) throw hostileStructure(`a ${type} box too short for its header`);
    const count = view.getUint32(8);
    if (count > MAX_SAMPLES_PER_TRACK) throw hostileStructure(`${count} samples in one track`);
    // stsz: a constant size (non-zero) has no table; stz2: field size in bits.
    const fieldBits = type === "stsz" ? (view.getUint32(4) === 0 ? 32 : 0) : view.getUint8(7);
    if (Math.ceil((count * fieldBits) / 8) > end - payload - 12) {
      throw hostileStructure(`a ${type} box claims ${count} samples it has no room for`);
    }
    return;
  }
  const count = view.getUint32(4);
  const entries = entryBytes?.(version) ?? 0;
  if (count * entries > end - payload - 8) {
    throw hostileStructure(`a ${type} box claims ${count} entries it has no room for`);
  }
}
