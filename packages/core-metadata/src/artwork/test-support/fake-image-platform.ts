import { imageDimensionsFromData } from "image-dimensions";

/** A bitmap of the fake platform; `closed` says whether its memory was given back. */
export interface FakeBitmap {
  width: number;
  height: number;
  closed: boolean;
  close(): void;
}

/** Bytes containing this text fail to decode, as a picture with a valid header and broken data does. */
export const CORRUPT_MARKER = "CORRUPT";

/**
 * `createImageBitmap` and `OffscreenCanvas` for Node tests, with the
 * browser's behaviour that matters here: decoding reads the real header size,
 * broken data rejects with an `InvalidStateError`, resizing makes a bitmap of
 * the asked size, and an encoder without WebP answers PNG.
 */
export function fakeImagePlatform(options: { webp?: boolean; failEncodeAt?: number } = {}) {
  const bitmaps: FakeBitmap[] = [];
  const decoded: number[] = [];
  const encoded: { type: string; width: number; height: number }[] = [];
  const bitmap = (width: number, height: number): FakeBitmap => {
    const made: FakeBitmap = {
      width,
      height,
      closed: false,
      close() {
        made.closed = true;
      },
    };
    bitmaps.push(made);
    return made;
  };

  async function createImageBitmap(
    source: Blob | FakeBitmap,
    resize?: { resizeWidth?: number; resizeHeight?: number },
  ): Promise<FakeBitmap> {
    if (source instanceof Blob) {
      const bytes = new Uint8Array(await source.arrayBuffer());
      decoded.push(bytes.byteLength);
      const header = imageDimensionsFromData(bytes);
      if (header === undefined || new TextDecoder().decode(bytes).includes(CORRUPT_MARKER)) {
        throw new DOMException("The source image could not be decoded.", "InvalidStateError");
      }
      return bitmap(header.width, header.height);
    }
    return bitmap(resize?.resizeWidth ?? source.width, resize?.resizeHeight ?? source.height);
  }

  class OffscreenCanvas {
    readonly width: number;
    readonly height: number;
    constructor(width: number, height: number) {
      this.width = width;
      this.height = height;
    }
    getContext(kind: string) {
      return kind === "2d" ? { drawImage() {} } : null;
    }
    async convertToBlob(request: { type?: string } = {}): Promise<Blob> {
      if (encoded.length === options.failEncodeAt) throw new Error("encoder out of memory");
      const type =
        request.type === "image/webp" && options.webp === false ? "image/png" : request.type;
      encoded.push({ type: type ?? "image/png", width: this.width, height: this.height });
      return new Blob([new Uint8Array(this.width)], { type: type ?? "image/png" });
    }
  }

  return { createImageBitmap, OffscreenCanvas, bitmaps, decoded, encoded };
}
