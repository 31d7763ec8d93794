import { describe, expect, it } from "vitest";
import { parseTrackKey, trackKey } from "./track-identity.js";

describe("trackKey", () => {
  it("length-prefixes the account id", () => {
    expect(trackKey("acc", "file1")).toBe("3:acc:file1");
  });

  it("does not collide when ids contain the separator", () => {
    const left = trackKey("a:b", "c");
    const right = trackKey("a", "b:c");
    expect(left).not.toBe(right);
    expect(parseTrackKey(left)).toEqual({ accountId: "a:b", remoteFileId: "c" });
    expect(parseTrackKey(right)).toEqual({ accountId: "a", remoteFileId: "b:c" });
  });

  it("does not collide when an id looks like a length prefix", () => {
    // Naive "accountId:remoteId" joining would give "1:1:x" for both.
    expect(trackKey("1:1", "x")).not.toBe(trackKey("1", "1:x"));
  });

  it.each([
    ["google:1234567890", "1AbC-dEf_GhIjKlMnOpQrStUvWxYz"],
    ["microsoft:00000000-0000-0000-0000-000000000001", "D3B1C2E0F!123"],
    [":", ":"],
    ["12:", "::12:"],
    ["ünïcødé 🎵", "日本語/ファイル"],
    ["x".repeat(1000), "y"],
  ])("round-trips (%s, %s)", (accountId, remoteFileId) => {
    expect(parseTrackKey(trackKey(accountId, remoteFileId))).toEqual({ accountId, remoteFileId });
  });

  it("gives distinct keys for every way of splitting the same characters", () => {
    const joined = "a:b:c:d";
    const keys = new Set<string>();
    for (let cut = 1; cut < joined.length; cut++) {
      keys.add(trackKey(joined.slice(0, cut), joined.slice(cut)));
    }
    expect(keys.size).toBe(joined.length - 1);
  });

  it("rejects empty ids", () => {
    expect(() => trackKey("", "file")).toThrow(/accountId/);
    expect(() => trackKey("", "file")).toThrow(
      expect.objectContaining({ code: "runtime/invalid-argument" }),
    );
    expect(() => trackKey("acc", "")).toThrow(/remoteFileId/);
  });
});

describe("parseTrackKey", () => {
  it.each([
    ["no prefix", "acc:file"],
    ["empty string", ""],
    ["leading zero in the length", "03:acc:file"],
    ["zero length", "0::file"],
    ["length past the end", "9:acc:file"],
    ["empty remote id", "3:acc:"],
    ["missing separator after the account id", "2:acc:file"],
    ["negative length", "-1:a:b"],
  ])("throws on %s", (_label, key) => {
    expect(() => parseTrackKey(key)).toThrow(/Malformed track key/);
    expect(() => parseTrackKey(key)).toThrow(
      expect.objectContaining({ code: "runtime/invalid-argument" }),
    );
  });
});
