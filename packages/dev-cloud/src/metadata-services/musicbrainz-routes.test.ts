import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminTrackSummary } from "../admin/admin-types.js";
import { type DevCloud, startDevCloud } from "../server.js";
import type { MusicBrainzRecording } from "./musicbrainz-routes.js";

interface SearchBody {
  created: string;
  count: number;
  offset: number;
  recordings: MusicBrainzRecording[];
}

describe("MusicBrainz recording search", () => {
  let cloud: DevCloud;
  let track: AdminTrackSummary;

  beforeAll(async () => {
    cloud = await startDevCloud({
      tracks: 30,
      seed: 12,
      now: Date.UTC(2024, 4, 1),
      // These tests are about the search, not its rate limit.
      musicBrainzRequestsPerSecond: 0,
    });
    const { tracks } = await cloud.admin.library();
    const multiWord = tracks.find((candidate) => candidate.title.includes(" "));
    if (multiWord === undefined) throw new Error("Unexpected library.");
    track = multiWord;
  });
  afterAll(() => cloud.close());

  const search = async (query: string, extra = ""): Promise<Response> =>
    fetch(
      `${cloud.url}/musicbrainz/ws/2/recording?query=${encodeURIComponent(query)}&fmt=json${extra}`,
    );

  it("finds a recording by exact recording, artist and release with score 100 in MusicBrainz's shape", async () => {
    const response = await search(
      `recording:"${track.title}" AND artist:"${track.artist}" AND release:"${track.album}"`,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as SearchBody;
    expect(body.created).toBe("2024-05-01T00:00:00.000Z");
    expect(body.offset).toBe(0);
    expect(body.count).toBe(body.recordings.length);
    const recording = body.recordings.find(
      (candidate) => candidate.id === track.musicBrainz.recordingId,
    );
    expect(recording).toEqual({
      id: track.musicBrainz.recordingId,
      score: 100,
      title: track.title,
      length: track.durationMs,
      "artist-credit": [
        {
          name: track.artist,
          joinphrase: "",
          artist: { id: track.musicBrainz.artistId, name: track.artist },
        },
      ],
      releases: [
        {
          id: track.musicBrainz.releaseId,
          title: track.album,
          date: String(track.year),
          "release-group": { id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        },
      ],
    });
  });

  it("scores a partial match below 100 and finds plain words anywhere", async () => {
    const word = track.title.split(" ").sort((a, b) => b.length - a.length)[0] ?? "";
    const body = (await (await search(`recording:${word}`)).json()) as SearchBody;
    const hit = body.recordings.find((candidate) => candidate.id === track.musicBrainz.recordingId);
    expect(hit?.score).toBeGreaterThan(0);
    expect(hit?.score).toBeLessThan(100);

    const plain = (await (await search(`${word} ${track.artist}`)).json()) as SearchBody;
    expect(plain.recordings.map((recording) => recording.id)).toContain(
      track.musicBrainz.recordingId,
    );
  });

  it("looks up by artist id and pages with limit and offset", async () => {
    const byArtist = cloud.context.library
      .tracks()
      .filter((candidate) => candidate.musicBrainz.artistId === track.musicBrainz.artistId);
    const all = (await (await search(`arid:${track.musicBrainz.artistId}`)).json()) as SearchBody;
    expect(all.count).toBe(byArtist.length);
    expect(all.recordings.every((recording) => recording.score === 100)).toBe(true);
    const page = (await (
      await search(`arid:${track.musicBrainz.artistId}`, "&limit=1&offset=1")
    ).json()) as SearchBody;
    expect(page.count).toBe(all.count);
    expect(page.offset).toBe(1);
    expect(page.recordings.map((recording) => recording.id)).toEqual(
      all.recordings.slice(1, 2).map((recording) => recording.id),
    );
  });

  it("answers 400 for a missing query, a bad limit and unsupported syntax", async () => {
    expect((await fetch(`${cloud.url}/musicbrainz/ws/2/recording?fmt=json`)).status).toBe(400);
    expect((await search("x", "&limit=101")).status).toBe(400);
    const unsupported = await search("recording:a OR artist:b");
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toMatchObject({ error: expect.stringContaining("OR") });
    expect((await search("genre:rock")).status).toBe(400);
  });
});
