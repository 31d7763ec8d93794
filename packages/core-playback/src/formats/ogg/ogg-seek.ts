/**
 * Random access in an Ogg stream with small range reads: the granule of the
 * file's last page (its length) and a bisection on page granules to find
 * where decoding must start for a target position.
 */
import type { ByteReader } from "../../decoding/decode-contract.js";
import { findCapturePattern, MAX_OGG_PAGE_BYTES, parseOggPage } from "./ogg-page.js";

/** A page found by a range read. */
export interface LocatedOggPage {
  offset: number;
  length: number;
  /** Defined: pages without a granule are never returned. */
  granule: number;
}

/** The located start page and the granule of the page with a granule before it, when known. */
export interface OggSeekPoint {
  page: LocatedOggPage;
  previousGranule: number | undefined;
}

const PROBE_BYTES = 16 * 1024;
const TAIL_BYTES = [16 * 1024, 2 * MAX_OGG_PAGE_BYTES];
// Bisection halves the range each probe; the bound only stops hostile input.
const MAX_PROBES = 48;

/**
 * The granule of the last page of stream `serial` in the file, from one read
 * of its tail (a second, larger one when the last pages are huge).
 */
export async function readLastGranule(
  reader: ByteReader,
  serial: number,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const size = reader.size;
  if (size === undefined) return undefined;
  for (const tail of TAIL_BYTES) {
    const start = Math.max(0, size - tail);
    const pages = await readPages(reader, start, size, serial, signal);
    const last = pages[pages.length - 1];
    if (last !== undefined) return last.granule;
    if (start === 0) break;
  }
  return undefined;
}

/**
 * Finds the last page of stream `serial` in `[dataStart, end)` whose granule
 * is at most `target`: probes where the granules say the target should be
 * (bisecting when that stops narrowing the range), finishing with one scan.
 *
 * @param range.lastGranule - The last page's granule, to interpolate with.
 * @returns `undefined` when every page's granule is above `target`.
 */
export async function locateOggPage(
  reader: ByteReader,
  range: { dataStart: number; end: number; serial: number; lastGranule: number | undefined },
  target: number,
  signal?: AbortSignal,
): Promise<OggSeekPoint | undefined> {
  let low = { offset: range.dataStart, granule: 0 };
  let high = { offset: range.end, granule: range.lastGranule };
  let best: OggSeekPoint | undefined;
  let previousSpan = Number.POSITIVE_INFINITY;
  let stalls = 0;
  for (
    let probes = 0;
    probes < MAX_PROBES && high.offset - low.offset > 2 * PROBE_BYTES;
    probes++
  ) {
    const span = high.offset - low.offset;
    let at = low.offset + Math.floor(span / 2);
    stalls = span < previousSpan * 0.75 ? 0 : stalls + 1;
    // Interpolate while it narrows the range; bisect after it stalls twice.
    if (high.granule !== undefined && high.granule > low.granule && stalls < 2) {
      const fraction = (target - low.granule) / (high.granule - low.granule);
      at = low.offset + Math.floor(fraction * span) - PROBE_BYTES / 2;
    }
    previousSpan = span;
    at = Math.min(Math.max(at, low.offset), high.offset - PROBE_BYTES);
    const pages = await readPages(reader, at, at + PROBE_BYTES, range.serial, signal, true);
    const first = pages[0];
    if (first === undefined || first.offset >= high.offset || first.granule > target) {
      high = { offset: at, granule: first?.granule ?? high.granule };
      continue;
    }
    const found = lastAtOrBefore(pages, target, undefined);
    if (found === undefined) break;
    // A later page in the same window passes the target: the answer is bracketed.
    if (found.page !== pages[pages.length - 1]) return found;
    best = found;
    low = { offset: found.page.offset + found.page.length, granule: found.page.granule };
  }
  // The best page may end past a later probe's start: nothing lies between them.
  if (high.offset <= low.offset) return best;
  const pages = await readPages(reader, low.offset, high.offset, range.serial, signal);
  return lastAtOrBefore(pages, target, best?.page.granule) ?? best;
}

function lastAtOrBefore(
  pages: LocatedOggPage[],
  target: number,
  granuleBefore: number | undefined,
): OggSeekPoint | undefined {
  let found: OggSeekPoint | undefined;
  let previous = granuleBefore;
  for (const page of pages) {
    if (page.granule > target) break;
    found = { page, previousGranule: previous };
    previous = page.granule;
  }
  return found;
}

/**
 * Reads `[from, to)` and returns the valid pages of `serial` that start in it
 * and carry a granule, reading past `to` to complete the last one (for a
 * `probe`, only when no whole page was found before it).
 */
export async function readPages(
  reader: ByteReader,
  from: number,
  to: number,
  serial: number,
  signal?: AbortSignal,
  probe = false,
): Promise<LocatedOggPage[]> {
  let bytes = await reader.read(from, to, signal);
  const pages: LocatedOggPage[] = [];
  let position = findCapturePattern(bytes, 0);
  let extensions = 0;
  while (position >= 0 && position < to - from) {
    const parsed = parseOggPage(bytes, position);
    const fileGoesOn = bytes.length >= to - from;
    const wanted = pages.length === 0 || !probe;
    if (parsed.kind === "need-more" && fileGoesOn && wanted && extensions < 3) {
      // A page starting in the range but ending past it: read its header, then its body.
      extensions++;
      const end = from + position + parsed.needed;
      const rest = await reader.read(from + bytes.length, end, signal);
      const joined = new Uint8Array(bytes.length + rest.length);
      joined.set(bytes, 0);
      joined.set(rest, bytes.length);
      bytes = joined;
      continue;
    }
    if (parsed.kind !== "page") {
      position = findCapturePattern(bytes, position + 1);
      continue;
    }
    const { page } = parsed;
    if (page.serial === serial && page.granule !== undefined) {
      pages.push({ offset: from + position, length: page.length, granule: page.granule });
    }
    position = findCapturePattern(bytes, position + page.length);
  }
  return pages;
}
