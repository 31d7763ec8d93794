/**
 * Test-only: MP4 top-level box layout, and a "faststart" copy of a file
 * whose `moov` follows its `mdat` (what the dev-cloud generates): `moov`
 * moved in front, the chunk offsets in `stco`/`co64` shifted to match.
 */

/** A box and where it lies. */
export interface Mp4BoxLocation {
  type: string;
  start: number;
  headerSize: number;
  end: number;
}

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl", "edts"]);

/** The boxes laid end to end in `bytes[start, end)`. */
export function mp4Boxes(bytes: Uint8Array, start = 0, end = bytes.length): Mp4BoxLocation[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Mp4BoxLocation[] = [];
  for (let offset = start; offset + 8 <= end; ) {
    let size = view.getUint32(offset);
    let headerSize = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(offset + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < headerSize || offset + size > end) throw new Error(`Bad MP4 box at ${offset}`);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    boxes.push({ type, start: offset, headerSize, end: offset + size });
    offset += size;
  }
  return boxes;
}

/** Offset of the first audio chunk, as the file's (first) `stco`/`co64` names it. */
export function firstChunkOffset(file: Uint8Array): number | undefined {
  const moov = mp4Boxes(file).find((box) => box.type === "moov");
  return moov === undefined ? undefined : chunkOffsetIn(file, moov);
}

function chunkOffsetIn(bytes: Uint8Array, box: Mp4BoxLocation): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const child of mp4Boxes(bytes, box.start + box.headerSize, box.end)) {
    if (child.type === "stco") return view.getUint32(child.start + 16);
    if (child.type === "co64") return Number(view.getBigUint64(child.start + 16));
    if (CONTAINERS.has(child.type)) {
      const found = chunkOffsetIn(bytes, child);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function shiftChunkOffsets(moov: Uint8Array, box: Mp4BoxLocation, shift: number): void {
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  for (const child of mp4Boxes(moov, box.start + box.headerSize, box.end)) {
    if (child.type === "stco" || child.type === "co64") {
      const count = view.getUint32(child.start + 12);
      for (let entry = 0; entry < count; entry++) {
        if (child.type === "stco") {
          const at = child.start + 16 + entry * 4;
          view.setUint32(at, view.getUint32(at) + shift);
        } else {
          const at = child.start + 16 + entry * 8;
          view.setBigUint64(at, view.getBigUint64(at) + BigInt(shift));
        }
      }
    } else if (CONTAINERS.has(child.type)) {
      shiftChunkOffsets(moov, child, shift);
    }
  }
}

/**
 * Moves `moov` in front of `mdat`.
 *
 * @throws Error when there is no `moov` after an `mdat`.
 */
export function moveMoovToFront(m4a: Uint8Array): Uint8Array {
  const top = mp4Boxes(m4a);
  const moov = top.find((box) => box.type === "moov");
  const mdat = top.find((box) => box.type === "mdat");
  if (moov === undefined || mdat === undefined || moov.start < mdat.start) {
    throw new Error("Expected an MP4 with moov after mdat.");
  }
  const moovBytes = m4a.slice(moov.start, moov.end);
  shiftChunkOffsets(moovBytes, { ...moov, start: 0, end: moovBytes.length }, moovBytes.length);
  const parts = [
    m4a.subarray(0, mdat.start),
    moovBytes,
    m4a.subarray(mdat.start, moov.start),
    m4a.subarray(moov.end),
  ];
  const result = new Uint8Array(m4a.length);
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
