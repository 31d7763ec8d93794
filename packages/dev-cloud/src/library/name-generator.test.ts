import { describe, expect, it } from "vitest";
import { createNameGenerator, uniqueName } from "./name-generator.js";
import { createSeededRandom } from "./seeded-random.js";

describe("uniqueName", () => {
  it("draws again when a name is taken, ignoring case", () => {
    const used = new Set(["blue sky"]);
    const candidates = ["Blue Sky", "Red Sky"];
    expect(uniqueName(used, () => candidates.shift() ?? "?")).toBe("Red Sky");
    expect(used.has("red sky")).toBe(true);
  });

  it("numbers the name when every draw is taken", () => {
    const used = new Set(["echo", "echo 2"]);
    expect(uniqueName(used, () => "Echo")).toBe("Echo 3");
  });
});

describe("createNameGenerator", () => {
  it("makes varied names without characters the clouds refuse", () => {
    const names = createNameGenerator(createSeededRandom(5));
    const drawn = Array.from({ length: 500 }, () => [names.artist(), names.album(), names.title()]);
    const all = drawn.flat();
    expect(all.every((name) => name.length > 0 && !/["*:<>?/\\|]/.test(name))).toBe(true);
    expect(new Set(drawn.map(([artist]) => artist)).size).toBeGreaterThan(400);
    expect(new Set(drawn.map(([, , title]) => title)).size).toBeGreaterThan(300);
  });
});
