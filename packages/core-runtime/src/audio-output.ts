/**
 * The protocol between the worker's playback engine and the audio sink (an
 * AudioWorklet processor shipped by main-bridge). The page creates a
 * MessageChannel and hands one end to the worklet and the other to the
 * worker, so PCM and reports travel worker ↔ worklet directly; the page's
 * main thread only sets the channel up.
 *
 * PCM travels either as transferred ArrayBuffers (`pcm` messages, zero copy)
 * or, when the page is cross-origin isolated, through a SharedArrayBuffer ring
 * (`ring` once, then `segment` markers while the frames go through the ring).
 */

/** A run of PCM at the sink's sample rate, one array per channel. */
export interface SinkPcmMessage {
  type: "pcm";
  /** The play session the frames belong to; frames of older sessions are dropped. */
  session: number;
  /** Track position of the first frame (frames from the track's start, at the sink's rate). */
  startFrame: number;
  /** Planar channels, equal lengths; their buffers are transferred. */
  channels: Float32Array[];
}

/** Sets up the SharedArrayBuffer ring (see the ring's layout in core-playback and main-bridge). */
export interface SinkRingMessage {
  type: "ring";
  /**
   * `Int32Array` header of 5 slots: write index, read index (frames,
   * monotonically increasing, wrapping at 2^31), flush epoch, flush point
   * (write index at the first flush the reader has not acknowledged) and the
   * reader's acknowledged epoch. The writer bumps the epoch on every flush
   * before writing any frame of the new session, so the sink stops at the
   * flush point even before the `flush` message arrives.
   */
  control: SharedArrayBuffer;
  /** One `Float32Array` of `capacityFrames` per channel. */
  channels: SharedArrayBuffer[];
  capacityFrames: number;
}

/** Ring mode: frames from ring index `ringFrame` on belong to `session`, starting at track position `startFrame`. */
export interface SinkSegmentMessage {
  type: "segment";
  session: number;
  startFrame: number;
  ringFrame: number;
}

/**
 * Starts a new session (new track, seek, stop): what was queued before fades
 * out over 5 ms (no click) and is dropped; the new session then plays from
 * its first frame, fading in, so its positions stay exact.
 */
export interface SinkFlushMessage {
  type: "flush";
  session: number;
  /**
   * Ring mode: the flush epoch the writer stored in the ring's header for
   * this flush; the sink applies the flush to the ring once it has this
   * message. Absent in transfer mode.
   */
  epoch?: number;
}

/** No more PCM will come for `session`: report `ended` once the last frame has played. */
export interface SinkEndMessage {
  type: "end";
  session: number;
}

/** Audible output on or off, with a short ramp (no click). */
export interface SinkTransportMessage {
  type: "play" | "pause";
}

/** Output gain, 0..1 (applied with a short ramp). */
export interface SinkVolumeMessage {
  type: "volume";
  value: number;
}

/** Every message the worker sends to the sink. */
export type SinkCommand =
  | SinkPcmMessage
  | SinkRingMessage
  | SinkSegmentMessage
  | SinkFlushMessage
  | SinkEndMessage
  | SinkTransportMessage
  | SinkVolumeMessage;

/** What the sink hears on connection: its rate and channel count decide how the worker decodes. */
export interface SinkHelloReport {
  type: "hello";
  sampleRate: number;
  channels: number;
  /** True when the ring (SharedArrayBuffer) path may be used. */
  sharedMemory: boolean;
}

/** Sent every few render quanta while playing (about every 20–50 ms), and at once on pause. */
export interface SinkProgressReport {
  type: "progress";
  session: number;
  /** Track position (frames at the sink's rate) of the next frame to play. */
  position: number;
  /** Frames queued in the sink, not yet played. */
  bufferedFrames: number;
  /** `currentTime` of the AudioContext when measured (the audio clock). */
  contextTime: number;
}

/** The first frame of a session left the sink (time to first audio). */
export interface SinkStartedReport {
  type: "started";
  session: number;
  position: number;
}

/** The sink ran dry while playing and is outputting silence (sent once per underrun). */
export interface SinkUnderrunReport {
  type: "underrun";
  session: number;
  position: number;
}

/** The last frame of a session ended with `end` has played. */
export interface SinkEndedReport {
  type: "ended";
  session: number;
}

/** Every report the sink sends to the worker. */
export type SinkReport =
  | SinkHelloReport
  | SinkProgressReport
  | SinkStartedReport
  | SinkUnderrunReport
  | SinkEndedReport;
