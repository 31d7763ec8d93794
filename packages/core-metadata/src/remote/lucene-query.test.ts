import { describe, expect, it } from "vitest";
import { escapeLucene, phraseTerm, recordingQuery } from "./lucene-query.js";

describe("escapeLucene", () => {
  it("escapes every special character of Lucene's query syntax", () => {
    expect(escapeLucene('+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /')).toBe(
      '\\+ \\- \\&\\& \\|\\| \\! \\( \\) \\{ \\} \\[ \\] \\^ \\" \\~ \\* \\? \\: \\\\ \\/',
    );
  });

  it("leaves letters, digits, spaces and accents alone", () => {
    expect(escapeLucene("Montréal Dawn 1977")).toBe("Montréal Dawn 1977");
  });
});

describe("recordingQuery", () => {
  it("builds fielded phrases joined by AND, with the album when known", () => {
    expect(
      recordingQuery({
        title: "Static Highway (Acoustic)",
        artist: "Camille Hayes & the Engines",
        album: 'AC/DC: "Live"',
      }),
    ).toBe(
      'recording:"Static Highway \\(Acoustic\\)" AND artist:"Camille Hayes \\& the Engines" AND release:"AC\\/DC\\: \\"Live\\""',
    );
  });

  it("leaves out a blank album", () => {
    expect(recordingQuery({ title: "River", artist: "Orchard Bridge", album: " " })).toBe(
      'recording:"River" AND artist:"Orchard Bridge"',
    );
  });

  it("turns line breaks into spaces and trims", () => {
    expect(phraseTerm("recording", " Two\nLines\t")).toBe('recording:"Two Lines"');
  });
});
