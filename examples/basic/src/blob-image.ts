/**
 * An `<img>` that shows a Blob (artwork from the worker) through an object
 * URL. Each URL is revoked when the picture is replaced or the image is
 * disposed, so a grid redrawn a hundred times does not keep a hundred
 * pictures alive.
 */
export class BlobImage {
  readonly element: HTMLImageElement;
  #url: string | undefined;
  #disposed = false;

  constructor(className: string, size: number) {
    this.element = document.createElement("img");
    this.element.className = className;
    this.element.alt = "";
    this.element.width = size;
    this.element.height = size;
    this.element.decoding = "async";
    this.element.hidden = true;
  }

  /** Whether a picture is shown now. */
  get shown(): boolean {
    return this.#url !== undefined;
  }

  /** Shows `blob`, or hides the image when there is none. Ignored once disposed. */
  show(blob: Blob | undefined): void {
    if (this.#disposed) return;
    this.#revoke();
    if (blob === undefined) {
      this.element.hidden = true;
      return;
    }
    this.#url = URL.createObjectURL(blob);
    this.element.src = this.#url;
    this.element.hidden = false;
  }

  /** Revokes the URL for good; a late `show()` (a slow artwork call) then does nothing. */
  dispose(): void {
    this.#disposed = true;
    this.#revoke();
  }

  #revoke(): void {
    if (this.#url === undefined) return;
    URL.revokeObjectURL(this.#url);
    this.#url = undefined;
    this.element.removeAttribute("src");
  }
}
