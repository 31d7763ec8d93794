import { describe, expect, it } from "vitest";
import { applyFieldMask, type FieldSchema, parseFieldMask } from "./drive-fields.js";

const FILE: FieldSchema = { kind: null, id: null, name: null, size: null, parents: null };
const LIST: FieldSchema = { kind: null, nextPageToken: null, files: FILE };

const body = {
  kind: "drive#fileList",
  nextPageToken: "t",
  files: [
    { kind: "drive#file", id: "1", name: "a", size: "3", parents: ["p"] },
    { kind: "drive#file", id: "2", name: "b", parents: ["p"] },
  ],
};

function select(fields: string): unknown {
  const parsed = parseFieldMask(fields, LIST);
  if (!parsed.ok) throw new Error(parsed.message);
  return applyFieldMask(body, parsed.mask);
}

describe("parseFieldMask / applyFieldMask", () => {
  it("selects nested fields through arrays with parentheses", () => {
    expect(select("nextPageToken,files(id,size)")).toEqual({
      nextPageToken: "t",
      files: [{ id: "1", size: "3" }, { id: "2" }],
    });
  });

  it("accepts the slash form and merges repeated selections", () => {
    expect(select("files/id, files/name")).toEqual({
      files: [
        { id: "1", name: "a" },
        { id: "2", name: "b" },
      ],
    });
  });

  it("treats * and a bare array field as everything below", () => {
    expect(select("*")).toEqual(body);
    expect(select("files")).toEqual({ files: body.files });
    expect(select("files(*)")).toEqual({ files: body.files });
  });

  it.each([
    ["files(id,nope)", "Invalid field selection files/nope"],
    ["bogus", "Invalid field selection bogus"],
    ["kind(id)", "Invalid field selection kind"],
    ["files(id", "Invalid field selection files(id"],
    ["files/*/id", "Invalid field selection files/*/id"],
    ["files,,id", "Invalid field selection files,,id"],
  ])("rejects %j", (fields, message) => {
    expect(parseFieldMask(fields, LIST)).toEqual({ ok: false, message });
  });
});
