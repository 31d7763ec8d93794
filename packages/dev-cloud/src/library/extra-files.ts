/**
 * The few non-music files a real music folder collects, so that clients have
 * to skip them: a text note and album-art images.
 */

/**
 * An 8×8 blue baseline JPEG (206 bytes, encoded by ffmpeg's mjpeg): small,
 * but a real image that browsers and decoders accept.
 */
const FOLDER_JPEG_BASE64 =
  "/9j/4AAQSkZJRgABAgAAAQABAAD/2wBDAAgUFBcUFxsbGxsbGyAeICEhISAgICAhISEkJCQqKiokJCQhISQkKCgqKi4vLisrKisvLzIyMjw8OTlGRkhWVmf/xABMAAEBAAAAAAAAAAAAAAAAAAAABgEBAQAAAAAAAAAAAAAAAAAABQYQAQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAAIAAgDASIAAhEAAxEA/9oADAMBAAIRAxEAPwCdAVQB/9k=";

/** File name of the album-art images placed in some album folders. */
export const FOLDER_IMAGE_NAME = "folder.jpg";

/** File name of the text note at the top of the music folder. */
export const NOTES_FILE_NAME = "notes.txt";

/** The bytes of a `folder.jpg`; a fresh copy each call, since callers may keep it. */
export function folderImageBytes(): Uint8Array {
  return new Uint8Array(Buffer.from(FOLDER_JPEG_BASE64, "base64"));
}

/** The bytes of `notes.txt` (UTF-8). */
export function notesBytes(trackCount: number): Uint8Array {
  const text = [
    "My music",
    "",
    `${trackCount} tracks, sorted as Artist/Album/NN Title.`,
    "Loose tracks live in Singles/. Lyrics sit next to their songs as .lrc files.",
    "TODO: re-rip the scratched CDs.",
    "",
  ].join("\n");
  return new TextEncoder().encode(text);
}
