import { describe, expect, it } from "vitest";
import { ByteLruCache } from "./byte-cache.js";

const bytes = (length: number) => new Uint8Array(length);

describe("ByteLruCache", () => {
  it("evicts the least recently used arrays to stay within its byte bound", () => {
    const cache = new ByteLruCache(300);
    cache.set("a", bytes(100));
    cache.set("b", bytes(100));
    cache.set("c", bytes(100));
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("d", bytes(100));
    expect(cache.has("b")).toBe(false);
    expect(["a", "c", "d"].every((key) => cache.has(key))).toBe(true);
    expect(cache.totalBytes).toBe(300);

    cache.set("e", bytes(250));
    expect(cache.totalBytes).toBeLessThanOrEqual(300);
    expect(cache.has("e")).toBe(true);
    expect(cache.size).toBe(1);
  });

  it("does not cache an array larger than the bound, and keeps the others", () => {
    const cache = new ByteLruCache(100);
    cache.set("small", bytes(60));
    cache.set("huge", bytes(101));
    expect(cache.has("huge")).toBe(false);
    expect(cache.has("small")).toBe(true);
    expect(cache.totalBytes).toBe(60);
  });

  it("accounts for replaced and deleted entries", () => {
    const cache = new ByteLruCache(1000);
    cache.set("a", bytes(100));
    cache.set("a", bytes(40));
    expect(cache.totalBytes).toBe(40);
    cache.delete("a");
    cache.delete("missing");
    expect(cache.totalBytes).toBe(0);
    expect(cache.get("a")).toBeUndefined();
  });

  it("caches nothing with a bound of 0 and rejects bad bounds", () => {
    const cache = new ByteLruCache(0);
    cache.set("a", bytes(1));
    expect(cache.size).toBe(0);
    expect(() => new ByteLruCache(-1)).toThrow(RangeError);
    expect(() => new ByteLruCache(1.5)).toThrow(RangeError);
  });
});
