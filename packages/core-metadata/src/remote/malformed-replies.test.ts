import { HttpClient, Logger, type LogRecord } from "@player/core-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoundedBytes } from "./bounded-body.js";
import { CoverArtClient } from "./cover-art-client.js";
import { createRemoteMetadata, type RemoteMetadataClients } from "./create-remote-metadata.js";
import { reply, type StubService, startStubService } from "./stub-service.js";

const RELEASE = "5b11f4ce-a62d-471e-81fc-a69a8278c7da";
const JSON_TYPE = { "content-type": "application/json" };
const TRACK = { title: "Paper Moons", artist: "The Crows" };
const SIGNATURE = { trackName: "Paper Moons", artistName: "The Crows" };

const remoteFailure = (service: string, reason: string) =>
  expect.objectContaining({
    name: "PlayerError",
    code: "metadata/remote-failed",
    details: expect.objectContaining({ service, reason }),
  });

describe("the remote metadata clients given replies they cannot use", () => {
  let stub: StubService;
  let remote: RemoteMetadataClients;
  let http: HttpClient;
  const logs: LogRecord[] = [];

  beforeAll(async () => {
    stub = await startStubService();
    http = new HttpClient({ retries: 0 });
    remote = createRemoteMetadata(
      http,
      {
        userAgent: "MetadataTest/1.0 ( https://example.com/contact )",
        musicBrainzUrl: `${stub.url}/ws/2`,
        coverArtUrl: stub.url,
        lrclibUrl: `${stub.url}/api`,
        musicBrainzMinIntervalMs: 0,
      },
      { logger: new Logger({ level: "debug", sink: (record) => logs.push(record) }) },
    );
  });
  afterAll(() => stub.close());

  describe("MusicBrainz", () => {
    it("reports a body that is no JSON, or JSON of another shape", async () => {
      stub.answer(reply(200, "<html>maintenance</html>", { "content-type": "text/html" }));
      await expect(remote.musicBrainz.findRelease(TRACK)).rejects.toEqual(
        remoteFailure("musicbrainz", "invalid-json"),
      );
      stub.answer(reply(200, JSON.stringify({ recordings: "none" }), JSON_TYPE));
      await expect(remote.musicBrainz.findRelease(TRACK)).rejects.toEqual(
        remoteFailure("musicbrainz", "unexpected-shape"),
      );
    });

    it("stops reading a body past 2 MiB", async () => {
      stub.answer((_request, response) => {
        response.writeHead(200, JSON_TYPE);
        response.write(`{"recordings":[${"0,".repeat(1024 * 1024)}`);
        response.end(`${"0,".repeat(1024 * 1024)}0]}`);
      });
      await expect(remote.musicBrainz.findRelease(TRACK)).rejects.toEqual(
        remoteFailure("musicbrainz", "too-large"),
      );
    });

    it("gives up after 4 tries of a 503 that does not end", async () => {
      const before = stub.requests.length;
      stub.answer(reply(503, "{}", { ...JSON_TYPE, "retry-after": "0" }));
      await expect(remote.musicBrainz.findRelease(TRACK)).rejects.toMatchObject({
        retryable: true,
        details: { service: "musicbrainz", reason: "rate-limited", status: 503 },
      });
      expect(stub.requests.length - before).toBe(4);
    });

    it("reports a 400 with MusicBrainz's explanation, and a 404 as no match", async () => {
      stub.answer(reply(400, JSON.stringify({ error: "Invalid query", help: "…" }), JSON_TYPE));
      const refused = remote.musicBrainz.findRelease(TRACK);
      await expect(refused).rejects.toEqual(remoteFailure("musicbrainz", "unexpected-status"));
      await expect(refused).rejects.toThrow("answered 400 to a recording search: Invalid query");
      stub.answer(reply(404, JSON.stringify({ error: "Not Found" }), JSON_TYPE));
      await expect(remote.musicBrainz.findRelease(TRACK)).resolves.toBeUndefined();
    });

    it("reports a connection that breaks off mid-body as a network error", async () => {
      stub.answer((_request, response) => {
        response.writeHead(200, { ...JSON_TYPE, "content-length": "1000" });
        response.write('{"recordings":[');
        setTimeout(() => response.destroy(), 10);
      });
      await expect(remote.musicBrainz.findRelease(TRACK)).rejects.toMatchObject({
        code: "http/network",
        retryable: true,
      });
    });
  });

  describe("Cover Art Archive", () => {
    it("refuses bodies that are no image, whatever their Content-Type says", async () => {
      stub.answer(reply(200, "<html>hi</html>", { "content-type": "text/html" }));
      await expect(remote.coverArt.fetchFront(RELEASE)).rejects.toEqual(
        remoteFailure("coverartarchive", "not-an-image"),
      );
      stub.answer(reply(200, "<html>hi</html>", { "content-type": "image/jpeg" }));
      await expect(remote.coverArt.fetchFront(RELEASE)).rejects.toEqual(
        remoteFailure("coverartarchive", "not-an-image"),
      );
    });

    it("takes a format it cannot sniff on the server's word", async () => {
      const bmp = new Uint8Array([0x42, 0x4d, 1, 2, 3, 4]);
      stub.answer(reply(200, bmp, { "content-type": "image/bmp" }));
      await expect(remote.coverArt.fetchFront(RELEASE, { size: 250 })).resolves.toEqual({
        mimeType: "image/bmp",
        data: bmp,
      });
      expect(stub.requests.at(-1)).toBe(`/release/${RELEASE}/front-250`);
    });

    it("refuses images over its bound, declared or streamed", async () => {
      const small = new CoverArtClient({
        http,
        baseUrl: stub.url,
        userAgent: "T/1",
        maxBytes: 1024,
      });
      stub.answer(reply(200, new Uint8Array(2048), { "content-type": "image/png" }));
      await expect(small.fetchFront(RELEASE)).rejects.toEqual(
        remoteFailure("coverartarchive", "too-large"),
      );
      stub.answer((_request, response) => {
        response.writeHead(200, { "content-type": "image/png" }); // chunked: no length
        response.write(new Uint8Array(1000));
        response.end(new Uint8Array(1000));
      });
      await expect(small.fetchFront(RELEASE)).rejects.toEqual(
        remoteFailure("coverartarchive", "too-large"),
      );
    });
  });

  describe("LRCLIB", () => {
    it("reports a body that is no JSON, or a record of another shape", async () => {
      stub.answer(reply(200, "{", JSON_TYPE));
      await expect(remote.lrclib.get(SIGNATURE)).rejects.toEqual(
        remoteFailure("lrclib", "invalid-json"),
      );
      for (const body of ['{"id":"7"}', "[]", '{"id":1,"syncedLyrics":5}', "null"]) {
        stub.answer(reply(200, body, JSON_TYPE));
        await expect(remote.lrclib.get(SIGNATURE)).rejects.toEqual(
          remoteFailure("lrclib", "unexpected-shape"),
        );
      }
    });

    it("reads a record whose lyrics are null and that says nothing about instrumental", async () => {
      stub.answer(reply(200, JSON.stringify({ id: 9, syncedLyrics: null }), JSON_TYPE));
      await expect(remote.lrclib.get(SIGNATURE)).resolves.toEqual({
        id: 9,
        syncedLyrics: null,
        plainLyrics: null,
        instrumental: false,
      });
    });

    it("answers a 400 with undefined and logs LRCLIB's reason", async () => {
      const validation = { code: 400, name: "ValidationError", message: "duration is invalid" };
      stub.answer(reply(400, JSON.stringify(validation), JSON_TYPE));
      await expect(remote.lrclib.get(SIGNATURE)).resolves.toBeUndefined();
      expect(logs.at(-1)).toMatchObject({
        level: "warn",
        message: "LRCLIB refused a lyrics lookup",
        context: { reason: "duration is invalid" },
      });
    });
  });

  it("gives up on a body that stalls", async () => {
    stub.answer((_request, response) => {
      response.writeHead(200, { "content-type": "image/png", "content-length": "100" });
      response.write(new Uint8Array(10)); // and nothing more
    });
    const response = await fetch(`${stub.url}/stall`);
    await expect(
      readBoundedBytes(response, 1000, { service: "coverartarchive", url: response.url }, 50),
    ).rejects.toMatchObject({ code: "http/timeout", retryable: true });
  });
});
