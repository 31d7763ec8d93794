import { describe, expect, it } from "vitest";
import { type RouteHandler, Router } from "./router.js";

const noop: RouteHandler = () => {};

describe("Router", () => {
  it("matches literal paths and ignores trailing slashes", () => {
    const handler: RouteHandler = () => {};
    const router = new Router().get("/health", handler);
    expect(router.match("GET", "/health")).toEqual({ kind: "found", handler, params: {} });
    expect(router.match("get", "/health/")).toMatchObject({ kind: "found", handler });
    expect(router.match("GET", "/healthz")).toEqual({ kind: "not-found" });
    expect(router.match("GET", "/health/extra")).toEqual({ kind: "not-found" });
  });

  it("extracts and decodes :name parameters", () => {
    const router = new Router().get("/drive/v3/files/:fileId", noop);
    const match = router.match("GET", "/drive/v3/files/a%2Fb%20c");
    expect(match.kind).toBe("found");
    expect(match.kind === "found" && { ...match.params }).toEqual({ fileId: "a/b c" });
    expect(router.match("GET", "/drive/v3/files/%E0%A4%A")).toEqual({ kind: "not-found" });
  });

  it("lets GET routes answer HEAD", () => {
    const router = new Router().get("/health", noop);
    expect(router.match("HEAD", "/health").kind).toBe("found");
  });

  it("picks the route of the right method and reports the allowed ones otherwise", () => {
    const getHandler: RouteHandler = () => {};
    const postHandler: RouteHandler = () => {};
    const router = new Router().get("/token", getHandler).post("/token", postHandler);
    expect(router.match("POST", "/token")).toMatchObject({ handler: postHandler });
    expect(router.match("GET", "/token")).toMatchObject({ handler: getHandler });
    expect(router.match("PUT", "/token")).toEqual({
      kind: "method-not-allowed",
      allowed: ["GET", "HEAD", "POST"],
    });
  });

  it("rejects patterns that do not start with /", () => {
    expect(() => new Router().get("health", noop)).toThrow(/must start with/);
  });
});
