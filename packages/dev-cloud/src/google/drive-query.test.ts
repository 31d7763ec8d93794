import { describe, expect, it } from "vitest";
import { matchesDriveQuery, parseDriveQuery, type QueryTarget } from "./drive-query.js";

const environment = { rootId: "ROOT", userEmail: "alex@example.com" };

function target(overrides: Partial<QueryTarget> = {}): QueryTarget {
  return {
    name: "Hello World.mp3",
    mimeType: "audio/mpeg",
    parentId: "F1",
    trashed: false,
    createdTime: Date.parse("2024-05-01T10:00:00Z"),
    modifiedTime: Date.parse("2024-05-02T10:00:00Z"),
    ...overrides,
  };
}

function matches(q: string, overrides: Partial<QueryTarget> = {}): boolean {
  const parsed = parseDriveQuery(q);
  if (!parsed.ok) throw new Error(`did not parse: ${q} (${parsed.message})`);
  return matchesDriveQuery(parsed.query, target(overrides), environment);
}

describe("parseDriveQuery / matchesDriveQuery", () => {
  it("evaluates the documented idiom", () => {
    const q = "mimeType contains 'audio/' and trashed = false and 'F1' in parents";
    expect(matches(q)).toBe(true);
    expect(matches(q, { trashed: true })).toBe(false);
    expect(matches(q, { parentId: "F2" })).toBe(false);
    expect(matches(q, { mimeType: "text/plain" })).toBe(false);
  });

  it("resolves the root alias in parents", () => {
    expect(matches("'root' in parents", { parentId: "ROOT" })).toBe(true);
    expect(matches("'root' in parents", { parentId: "F1" })).toBe(false);
  });

  it("matches name contains on word prefixes only, ignoring case", () => {
    expect(matches("name contains 'hello'")).toBe(true);
    expect(matches("name contains 'World'")).toBe(true);
    expect(matches("name contains 'orld'")).toBe(false);
    expect(matches("name contains 'World'", { name: "HelloWorld" })).toBe(false);
  });

  it("compares names exactly with = and != and unescapes \\'", () => {
    expect(matches("name = 'Don\\'t Stop.mp3'", { name: "Don't Stop.mp3" })).toBe(true);
    expect(matches("name = 'don\\'t stop.mp3'", { name: "Don't Stop.mp3" })).toBe(false);
    expect(matches("name != 'Hello World.mp3'")).toBe(false);
    expect(matches("mimeType = 'audio/mpeg'")).toBe(true);
    expect(matches("mimeType != 'audio/mpeg'")).toBe(false);
  });

  it("honours or, not and parentheses with and binding tighter than or", () => {
    expect(matches("mimeType = 'audio/flac' or mimeType = 'audio/mpeg'")).toBe(true);
    expect(matches("mimeType = 'audio/mpeg' or name = 'x' and trashed = true")).toBe(true);
    expect(matches("(mimeType = 'audio/mpeg' or name = 'x') and trashed = true")).toBe(false);
    expect(matches("(mimeType = 'audio/mpeg' or name = 'x') AND trashed = false")).toBe(true);
    expect(matches("not mimeType contains 'audio/'")).toBe(false);
  });

  it("compares times as RFC 3339, reading an offset-less value as UTC", () => {
    expect(matches("modifiedTime > '2024-05-02T09:59:59'")).toBe(true);
    expect(matches("modifiedTime > '2024-05-02T10:00:00Z'")).toBe(false);
    expect(matches("createdTime >= '2024-05-01T12:00:00+02:00'")).toBe(true);
  });

  it("knows 'me' in owners", () => {
    expect(matches("'me' in owners")).toBe(true);
    expect(matches("'alex@example.com' in owners")).toBe(true);
    expect(matches("'sam@example.com' in owners")).toBe(false);
  });

  it.each([
    "mimeType contains audio/",
    "name contains 'unterminated",
    "trashed = maybe",
    "trashed contains true",
    "starred = true",
    "'F1' in children",
    "name = 'a' and",
    "(name = 'a'",
    "name = 'a' name = 'b'",
    "modifiedTime > 'yesterday'",
    "name < 'b'",
    "name ! 'a'",
    "",
  ])("rejects %j", (q) => {
    expect(parseDriveQuery(q).ok).toBe(false);
  });
});
