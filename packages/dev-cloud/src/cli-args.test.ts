import { describe, expect, it } from "vitest";
import { formatRouteOverview, parseCliArgs } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("defaults to no options", () => {
    expect(parseCliArgs([])).toEqual({ kind: "start", options: {} });
  });

  it("reads --port and --host", () => {
    expect(parseCliArgs(["--port", "4010", "--host", "0.0.0.0"])).toEqual({
      kind: "start",
      options: { port: 4010, host: "0.0.0.0" },
    });
    expect(parseCliArgs(["-p", "0"])).toEqual({ kind: "start", options: { port: 0 } });
    expect(parseCliArgs(["--port=8080"])).toEqual({ kind: "start", options: { port: 8080 } });
  });

  it("reads --tracks, --seed and --fault-seed, negative seeds in the = form", () => {
    expect(parseCliArgs(["--tracks", "200", "--seed", "42", "--fault-seed=-7"])).toEqual({
      kind: "start",
      options: { tracks: 200, seed: 42, faultSeed: -7 },
    });
    expect(parseCliArgs(["--tracks=0"])).toEqual({ kind: "start", options: { tracks: 0 } });
  });

  it("recognises --help", () => {
    expect(parseCliArgs(["-h"])).toEqual({ kind: "help" });
    expect(parseCliArgs(["--seed", "3", "--help"])).toEqual({ kind: "help" });
  });

  it.each([["abc"], ["-1"], ["65536"], ["80.5"], [""]])("rejects --port %j", (port) => {
    expect(() => parseCliArgs([`--port=${port}`])).toThrow(/--port/);
  });

  it.each([["-1"], ["1.5"], ["100001"], ["ten"]])("rejects --tracks %j", (tracks) => {
    expect(() => parseCliArgs([`--tracks=${tracks}`])).toThrow(/--tracks/);
  });

  it.each([
    ["--seed=1.5", /--seed/],
    ["--seed=9007199254740993", /--seed/],
    ["--fault-seed=x", /--fault-seed/],
  ])("rejects %s", (arg, message) => {
    expect(() => parseCliArgs([arg])).toThrow(message);
  });

  it("rejects unknown options", () => {
    expect(() => parseCliArgs(["--verbose"])).toThrow(/verbose/);
  });
});

describe("formatRouteOverview", () => {
  it("lists each service under the server URL", () => {
    const overview = formatRouteOverview("http://127.0.0.1:8787");
    for (const path of [
      "/google/drive/v3/files",
      "/graph/v1.0/me/drive/root/children",
      "/lrclib/api/get",
      "/musicbrainz/ws/2/recording",
      "/coverartarchive/release/",
      "/__admin/library",
    ]) {
      expect(overview).toContain(`http://127.0.0.1:8787${path}`);
    }
  });
});
