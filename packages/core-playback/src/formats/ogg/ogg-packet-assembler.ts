/**
 * Joins the segments of consecutive Ogg pages of one logical stream into
 * packets. A packet whose start was not seen (after a seek, or a page lost to
 * damage) is dropped rather than handed out incomplete.
 */
import type { OggPage } from "./ogg-page.js";

// No Vorbis or Opus audio packet comes near this; header packets with cover art may.
const MAX_PACKET_BYTES = 16 * 1024 * 1024;

/** Packets completed by pages pushed in order. */
export class OggPacketAssembler {
  private partial: Uint8Array[] = [];
  private partialBytes = 0;
  /** Whether `partial` holds the real start of a packet. */
  private partialValid = false;
  private lastSequence: number | undefined;

  /** Forgets any packet in progress (after a seek). */
  reset(): void {
    this.partial = [];
    this.partialBytes = 0;
    this.partialValid = false;
    this.lastSequence = undefined;
  }

  /** The packets that end on `page`, in order. */
  push(page: OggPage): Uint8Array[] {
    const follows = this.lastSequence !== undefined && page.sequence === this.lastSequence + 1;
    this.lastSequence = page.sequence;
    // A continuation only joins the unfinished packet of the page right before it.
    const joins = follows && this.partialValid && this.partial.length > 0;
    if (!page.continued) this.clearPartial(true);
    else if (!joins) this.clearPartial(false);
    const packets: Uint8Array[] = [];
    let offset = 0;
    for (const lacing of page.segments) {
      const segment = page.body.subarray(offset, offset + lacing);
      offset += lacing;
      this.partial.push(segment);
      this.partialBytes += lacing;
      if (this.partialBytes > MAX_PACKET_BYTES) this.clearPartial(false);
      if (lacing < 255) {
        if (this.partialValid) packets.push(joinSegments(this.partial, this.partialBytes));
        this.clearPartial(true);
      }
    }
    return packets;
  }

  private clearPartial(nextStartsPacket: boolean): void {
    this.partial = [];
    this.partialBytes = 0;
    this.partialValid = nextStartsPacket;
  }
}

function joinSegments(segments: Uint8Array[], total: number): Uint8Array {
  if (segments.length === 1 && segments[0] !== undefined) return segments[0].slice();
  const packet = new Uint8Array(total);
  let offset = 0;
  for (const segment of segments) {
    packet.set(segment, offset);
    offset += segment.length;
  }
  return packet;
}
