import { describe, expect, it } from "vitest";
import { compileRoutePattern } from "./route-pattern.js";

describe("compileRoutePattern", () => {
  it("treats a plain route as a prefix on segment boundaries", () => {
    const matches = compileRoutePattern("/google/drive/v3/files");
    expect(matches("/google/drive/v3/files")).toBe(true);
    expect(matches("/google/drive/v3/files/abc")).toBe(true);
    expect(matches("/google/drive/v3/filesXYZ")).toBe(false);
    expect(matches("/google/drive/v3")).toBe(false);
  });

  it("lets / cover everything", () => {
    expect(compileRoutePattern("/")("/lrclib/api/get")).toBe(true);
  });

  it("matches * and :name within one segment and ** across segments", () => {
    const content = compileRoutePattern("/graph/v1.0/me/drive/items/*/content");
    expect(content("/graph/v1.0/me/drive/items/01A/content")).toBe(true);
    expect(content("/graph/v1.0/me/drive/items/01A/children")).toBe(false);
    expect(content("/graph/v1.0/me/drive/items/a/b/content")).toBe(false);
    const named = compileRoutePattern("/microsoft/:tenant/oauth2/v2.0/token");
    expect(named("/microsoft/common/oauth2/v2.0/token")).toBe(true);
    expect(named("/microsoft/common/oauth2/v2x0/token")).toBe(false);
    const deep = compileRoutePattern("/graph-download/**");
    expect(deep("/graph-download/abc/def")).toBe(true);
    expect(deep("/graph/v1.0/me")).toBe(false);
    expect(compileRoutePattern("/google/drive/v3/files/*")("/google/drive/v3/files")).toBe(false);
  });
});
