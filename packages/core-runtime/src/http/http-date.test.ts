import { describe, expect, it } from "vitest";
import { parseHttpDate } from "./http-date.js";

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

describe("parseHttpDate", () => {
  it("reads IMF-fixdate", () => {
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT", NOW)).toBe(
      Date.UTC(1994, 10, 6, 8, 49, 37),
    );
  });

  it("reads the obsolete RFC 850 and asctime forms as GMT", () => {
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).toBe(
      Date.UTC(1994, 10, 6, 8, 49, 37),
    );
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994", NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it("puts a two-digit year in the century that is not more than 50 years ahead", () => {
    expect(parseHttpDate("Monday, 01-Jan-30 00:00:00 GMT", NOW)).toBe(Date.UTC(2030, 0, 1));
    expect(parseHttpDate("Friday, 01-Jan-80 00:00:00 GMT", NOW)).toBe(Date.UTC(1980, 0, 1));
  });

  it("rejects malformed and impossible dates", () => {
    expect(parseHttpDate("", NOW)).toBeUndefined();
    expect(parseHttpDate("tomorrow", NOW)).toBeUndefined();
    expect(parseHttpDate("2025-06-15T12:00:00Z", NOW)).toBeUndefined();
    expect(parseHttpDate("Sun, 06 Nov 1994 08:49:37 PST", NOW)).toBeUndefined();
    expect(parseHttpDate("Mon, 31 Feb 2025 00:00:00 GMT", NOW)).toBeUndefined();
    expect(parseHttpDate("Mon, 01 Foo 2025 00:00:00 GMT", NOW)).toBeUndefined();
    expect(parseHttpDate("Mon, 01 Jan 2025 24:00:00 GMT", NOW)).toBeUndefined();
  });
});
