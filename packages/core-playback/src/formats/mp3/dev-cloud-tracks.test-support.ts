/**
 * The dev-cloud's generated tracks of one format, with their bytes (tags
 * and covers included, as served) and ground truth (tone, duration, damage).
 */
import type { AudioFormat, DevCloud, TrackFacts } from "@player/dev-cloud";

/** One generated track and its file's bytes. */
export interface DevCloudTrack {
  facts: TrackFacts;
  bytes: Uint8Array;
}

/** Every generated track of `format`, in library order. */
export function devCloudTracks(cloud: DevCloud, format: AudioFormat): DevCloudTrack[] {
  const library = cloud.context.library;
  const tracks: DevCloudTrack[] = [];
  for (const item of library.all()) {
    if (item.kind !== "file" || item.content.type !== "track") continue;
    const facts = item.content.track;
    if (facts.format === format) tracks.push({ facts, bytes: library.bytes(item) });
  }
  return tracks;
}
