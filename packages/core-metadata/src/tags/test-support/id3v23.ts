/**
 * Test-only: rewrites a file's leading ID3v2.4 tag (as the dev-cloud writes
 * it) as ID3v2.3: plain frame sizes, UTF-16 text instead of UTF-8, TYER for
 * TDRC. The audio after the tag is kept.
 */
function syncsafe(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset] ?? 0) << 21) |
    ((bytes[offset + 1] ?? 0) << 14) |
    ((bytes[offset + 2] ?? 0) << 7) |
    (bytes[offset + 3] ?? 0)
  );
}

function utf16WithBom(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    bytes[2 + index * 2] = unit & 0xff;
    bytes[3 + index * 2] = unit >>> 8;
  }
  return bytes;
}

/** @throws Error when the bytes do not start with an ID3v2.4 tag. */
export function id3v24ToV23(file: Uint8Array): Uint8Array {
  if (String.fromCharCode(...file.subarray(0, 3)) !== "ID3" || file[3] !== 4) {
    throw new Error("Expected an ID3v2.4 tag.");
  }
  const end = 10 + syncsafe(file, 6);
  const frames: Uint8Array[] = [];
  for (let offset = 10; offset + 10 <= end && file[offset] !== 0; ) {
    let id = String.fromCharCode(...file.subarray(offset, offset + 4));
    const size = syncsafe(file, offset + 4);
    let body = file.subarray(offset + 10, offset + 10 + size);
    if (id.startsWith("T") && body[0] === 3) {
      const text = new TextDecoder().decode(body.subarray(1));
      body = Uint8Array.of(1, ...utf16WithBom(text));
    }
    if (id === "TDRC") id = "TYER";
    const header = new Uint8Array(10);
    header.set([...id].map((char) => char.charCodeAt(0)));
    new DataView(header.buffer).setUint32(4, body.length);
    frames.push(header, body);
    offset += 10 + size;
  }
  const length = frames.reduce((sum, part) => sum + part.length, 0);
  const tag = new Uint8Array(10 + length);
  tag.set([0x49, 0x44, 0x33, 3, 0, 0]);
  tag.set(
    [(length >>> 21) & 0x7f, (length >>> 14) & 0x7f, (length >>> 7) & 0x7f, length & 0x7f],
    6,
  );
  let offset = 10;
  for (const part of frames) {
    tag.set(part, offset);
    offset += part.length;
  }
  const result = new Uint8Array(tag.length + file.length - end);
  result.set(tag);
  result.set(file.subarray(end), tag.length);
  return result;
}
