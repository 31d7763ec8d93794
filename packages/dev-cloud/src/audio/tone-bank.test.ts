import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { TONE_FREQUENCIES_HZ } from "../library/tone-plan.js";
import {
  BANK_LAYOUT,
  type BankFormat,
  findToneBankDirectory,
  ToneBank,
  toneIndexOf,
} from "./tone-bank.js";

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, "..", "..");
const FORMATS = Object.keys(BANK_LAYOUT) as BankFormat[];

describe("findToneBankDirectory", () => {
  it("finds the package's bank from src/audio and from dist", () => {
    const expected = join(packageRoot, "assets", "tones");
    expect(findToneBankDirectory(here)).toBe(expected);
    // tsup bundles into dist/, one level below the package root.
    expect(findToneBankDirectory(join(packageRoot, "dist"))).toBe(expected);
  });

  it("explains when there is no bank above", () => {
    expect(() => findToneBankDirectory(tmpdir())).toThrow(/No assets\/tones directory above/);
  });
});

describe("toneIndexOf", () => {
  it("maps each of the 24 tones to its index", () => {
    expect(TONE_FREQUENCIES_HZ.map(toneIndexOf)).toEqual(TONE_FREQUENCIES_HZ.map((_, i) => i));
  });

  it("rejects a frequency that is not a tone", () => {
    expect(() => toneIndexOf(441)).toThrow(RangeError);
  });
});

describe("ToneBank", () => {
  const temporary = mkdtempSync(join(tmpdir(), "tone-bank-"));
  afterAll(() => rmSync(temporary, { recursive: true, force: true }));

  it("holds all 24 tones in every banked format", () => {
    const bank = new ToneBank();
    for (const format of FORMATS) {
      for (let i = 0; i < 24; i++) expect(bank.get(format, i).length).toBeGreaterThan(4000);
    }
  });

  it("reads a file once and then serves it from memory", () => {
    mkdirSync(join(temporary, "mp3"));
    writeFileSync(join(temporary, "mp3", "0.mp3"), "first");
    const bank = new ToneBank(temporary);
    const first = bank.get("mp3", 0);
    writeFileSync(join(temporary, "mp3", "0.mp3"), "second");
    expect(bank.get("mp3", 0)).toBe(first);
    expect(Buffer.from(first).toString()).toBe("first");
  });

  it("rejects a tone index outside the plan", () => {
    expect(() => new ToneBank().get("flac", 24)).toThrow(/0 to 23/);
  });

  it("serves the committed bytes", () => {
    const path = join(packageRoot, "assets", "tones", "ogg-opus", "5.opus");
    expect(Buffer.from(new ToneBank().get("ogg-opus", 5))).toEqual(readFileSync(path));
  });
});
