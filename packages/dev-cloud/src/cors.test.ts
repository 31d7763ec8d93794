import { describe, expect, it } from "vitest";
import { isLocalOrigin } from "./cors.js";

describe("isLocalOrigin", () => {
  it.each([
    "http://127.0.0.1:5173",
    "http://localhost:3000",
    "http://localhost",
    "http://127.0.0.1",
  ])("accepts %s", (origin) => {
    expect(isLocalOrigin(origin)).toBe(true);
  });

  it.each([
    "https://localhost:3000",
    "http://127.0.0.2:5173",
    "http://localhost.example.com",
    "http://example.com",
    "http://localhost:3000/path",
    "null",
    "",
  ])("rejects %s", (origin) => {
    expect(isLocalOrigin(origin)).toBe(false);
  });
});
