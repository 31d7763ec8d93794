import { describe, expect, it } from "vitest";
import { fetchWithOrigin } from "./fetch-with-origin.js";

describe("fetchWithOrigin", () => {
  it("adds the Origin header when there is none and keeps the other headers", async () => {
    const seen: Headers[] = [];
    const fetch = fetchWithOrigin("http://127.0.0.1:5173/some/page", async (_input, init) => {
      seen.push(new Headers(init?.headers));
      return new Response("");
    });
    await fetch("http://127.0.0.1:1/token", { headers: { accept: "application/json" } });
    await fetch("http://127.0.0.1:1/token", { headers: { origin: "http://localhost:1" } });
    expect(seen[0]?.get("origin")).toBe("http://127.0.0.1:5173");
    expect(seen[0]?.get("accept")).toBe("application/json");
    expect(seen[1]?.get("origin")).toBe("http://localhost:1");
  });
});
