/**
 * Tags Ogg Vorbis and Ogg Opus files by replacing the comment header packet
 * (the second packet of the stream) and re-paging the headers. Audio pages
 * keep their bytes and granule positions; only their sequence numbers and
 * checksums change when the header takes more or fewer pages.
 */
import { ByteWriter, concatBytes, latin1Bytes, readLatin1 } from "./byte-writer.js";
import {
  encodeOggPage,
  type OggPage,
  readLeadingPackets,
  readOggPages,
  writeOggPages,
} from "./ogg-pages.js";
import type { TaggedAudio, TrackTags } from "./track-tags.js";
import {
  encodeFlacPicture,
  encodeVorbisCommentList,
  VORBIS_COMMENT_VENDOR,
  vorbisCommentFields,
} from "./vorbis-comment.js";

/** Replaces the comment header of an Ogg Vorbis file. */
export function tagOggVorbis(ogg: Uint8Array, tags: TrackTags): TaggedAudio {
  // Vorbis: identification, comment, setup; the setup packet may share the comment's page.
  return retag(ogg, tags, {
    headerPackets: 3,
    identificationMagic: "\x01vorbis",
    commentMagic: "\x03vorbis",
    // Vorbis I requires the framing bit after the comment list.
    framingBit: true,
  });
}

/** Replaces the OpusTags header of an Ogg Opus file. */
export function tagOggOpus(ogg: Uint8Array, tags: TrackTags): TaggedAudio {
  return retag(ogg, tags, {
    headerPackets: 2,
    identificationMagic: "OpusHead",
    commentMagic: "OpusTags",
    framingBit: false,
  });
}

interface CommentCodec {
  headerPackets: number;
  identificationMagic: string;
  commentMagic: string;
  framingBit: boolean;
}

function retag(ogg: Uint8Array, tags: TrackTags, codec: CommentCodec): TaggedAudio {
  const pages = readOggPages(ogg);
  const first = pages[0];
  if (first === undefined) throw new Error("Empty Ogg stream.");
  const { packets, nextPage } = readLeadingPackets(pages, codec.headerPackets);
  const identification = packets[0];
  if (
    identification === undefined ||
    readLatin1(identification, 0, codec.identificationMagic.length) !== codec.identificationMagic
  ) {
    throw new Error(`Not a ${codec.identificationMagic.trim()} stream.`);
  }
  if (first.lacing.length !== 1 + Math.floor(identification.length / 255)) {
    throw new Error("The identification header does not have the first page to itself.");
  }

  packets[1] = encodeCommentPacket(tags, codec);
  const headerPages = [
    // The identification page is kept byte for byte (it carries the BOS flag).
    ogg.subarray(first.offset, first.offset + first.length),
    ...writeOggPages(packets.slice(1), {
      serialNumber: first.serialNumber,
      firstSequenceNumber: first.sequenceNumber + 1,
      granulePosition: 0n,
    }),
  ];
  const header = concatBytes(headerPages);
  const firstAudioSequence = first.sequenceNumber + headerPages.length;
  const audioPages = pages.slice(nextPage).map((page, i) => renumber(page, firstAudioSequence + i));
  const bytes = concatBytes([header, ...audioPages]);
  return { bytes, audioStart: header.length, audioEnd: bytes.length };
}

function encodeCommentPacket(tags: TrackTags, codec: CommentCodec): Uint8Array {
  const fields = vorbisCommentFields(tags);
  if (tags.cover !== undefined) {
    fields.push(
      `METADATA_BLOCK_PICTURE=${Buffer.from(encodeFlacPicture(tags.cover)).toString("base64")}`,
    );
  }
  const writer = new ByteWriter()
    .bytes(latin1Bytes(codec.commentMagic))
    .bytes(encodeVorbisCommentList(VORBIS_COMMENT_VENDOR, fields));
  if (codec.framingBit) writer.u8(1);
  return writer.toBytes();
}

function renumber(page: OggPage, sequenceNumber: number): Uint8Array {
  return encodeOggPage({ ...page, sequenceNumber });
}
