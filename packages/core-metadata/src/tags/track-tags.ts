/** What a file's tags and stream headers say about a track. Absent fields were not in the file. */
export interface TrackTags {
  title?: string;
  artists: string[];
  album?: string;
  albumArtist?: string;
  trackNumber?: number;
  trackTotal?: number;
  discNumber?: number;
  discTotal?: number;
  year?: number;
  genres: string[];
  composers: string[];
  compilation: boolean;
  /** Seconds, from the stream headers. */
  duration?: number;
  codec?: string;
  sampleRate?: number;
  channels?: number;
  bitsPerSample?: number;
  /** Bits per second. */
  bitrate?: number;
  replayGain: {
    trackGainDb?: number;
    trackPeak?: number;
    albumGainDb?: number;
    albumPeak?: number;
  };
  musicBrainz: { recordingId?: string; releaseId?: string; artistId?: string };
  /** Lyrics embedded in the tags (their text). */
  lyrics?: string;
  /**
   * Whether the tags embed a picture, when that is known without reading the
   * picture's bytes (Ogg, FLAC, ID3v2, MP4, WAV); absent = unknown.
   */
  hasPicture?: boolean;
}
