import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../test-support/memory-storage.js";
import { readTags } from "./read-tags.js";

/** A 16-bit mono WAV of `frames` silent samples (read through music-metadata). */
function wav(frames: number): Uint8Array {
  const bytes = new Uint8Array(44 + frames * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, "WAVEfmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, frames * 2, true);
  return bytes;
}

describe("readTags and a long-lived signal", () => {
  it("leaves no abort listener on the caller's signal after each read", async () => {
    const storage = new MemoryStorage({ a: wav(8000) });
    const controller = new AbortController();
    for (let read = 0; read < 20; read++) {
      const tags = await readTags(storage, "a", { signal: controller.signal });
      expect(tags.sampleRate).toBe(8000);
    }
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
