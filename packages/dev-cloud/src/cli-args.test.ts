import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.js";

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

  it("recognises --help", () => {
    expect(parseCliArgs(["-h"])).toEqual({ kind: "help" });
  });

  it.each([["abc"], ["-1"], ["65536"], ["80.5"], [""]])("rejects --port %j", (port) => {
    expect(() => parseCliArgs([`--port=${port}`])).toThrow(/--port/);
  });

  it("rejects unknown options", () => {
    expect(() => parseCliArgs(["--verbose"])).toThrow(/verbose/);
  });
});
