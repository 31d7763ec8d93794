import { isPlayerError, type Lyrics, type Player } from "@player/main-bridge";

const SOURCE_NAMES: Readonly<Record<Lyrics["source"], string>> = {
  embedded: "the file's tags",
  sidecar: "an .lrc file beside it",
  remote: "LRCLIB",
};

/**
 * The playing track's lyrics. Synced lyrics are listed line by line and the
 * line being sung is highlighted as `playback:lyrics-line` arrives, and
 * scrolled to the middle of the box; plain lyrics are shown as text.
 */
export function mountLyricsPanel(player: Player): void {
  const box = document.getElementById("lyrics") as HTMLDivElement;
  const source = document.getElementById("lyrics-source") as HTMLElement;
  /** The track whose lyrics the box shows (or is loading). */
  let trackId: string | undefined;
  let lines: HTMLLIElement[] = [];
  let current: HTMLLIElement | undefined;
  /** A line that arrived before its lyrics were drawn. */
  let pendingIndex: number | undefined;

  const showMessage = (state: string, text: string) => {
    const message = document.createElement("p");
    message.className = "lyrics-message";
    message.textContent = text;
    box.replaceChildren(message);
    box.dataset.state = state;
    source.textContent = "";
    lines = [];
    current = undefined;
    delete box.dataset.currentIndex;
  };

  const highlight = (index: number) => {
    const line = lines[index];
    if (line === undefined) return;
    current?.classList.remove("current");
    line.classList.add("current");
    current = line;
    box.dataset.currentIndex = String(index);
    // Centre the line in the box. scrollIntoView() would scroll the page as
    // well, pulling the reader away from whatever they are looking at.
    const offset = line.getBoundingClientRect().top - box.getBoundingClientRect().top;
    box.scrollBy({ top: offset - (box.clientHeight - line.offsetHeight) / 2, behavior: "smooth" });
  };

  const render = (lyrics: Lyrics | undefined) => {
    if (lyrics === undefined) {
      showMessage("none", "No lyrics");
      return;
    }
    if (lyrics.synced) {
      const list = document.createElement("ol");
      list.className = "lyrics-lines";
      lines = lyrics.lines.map((line, index) => {
        const item = document.createElement("li");
        item.dataset.index = String(index);
        item.dataset.timeMs = String(line.timeMs);
        // An empty line is an instrumental break.
        item.textContent = line.text === "" ? "♪" : line.text;
        return item;
      });
      list.append(...lines);
      box.replaceChildren(list);
      current = undefined;
      delete box.dataset.currentIndex;
    } else {
      const text = document.createElement("p");
      text.className = "plain-lyrics";
      text.textContent = lyrics.text;
      box.replaceChildren(text);
      lines = [];
    }
    box.dataset.state = lyrics.synced ? "synced" : "plain";
    source.textContent = `Lyrics from ${SOURCE_NAMES[lyrics.source]}.`;
    if (pendingIndex !== undefined) highlight(pendingIndex);
    pendingIndex = undefined;
  };

  player.on("playback:track-changed", ({ trackId: id }) => {
    trackId = id;
    pendingIndex = undefined;
    box.dataset.trackId = id;
    showMessage("loading", "Loading lyrics…");
    player.library.getLyrics(id).then(
      (lyrics) => {
        if (trackId === id) render(lyrics);
      },
      (error: unknown) => {
        if (trackId !== id) return;
        showMessage("error", `No lyrics: ${isPlayerError(error) ? error.code : String(error)}`);
      },
    );
  });
  player.on("playback:lyrics-line", ({ trackId: id, index }) => {
    if (id !== trackId) return;
    if (box.dataset.state === "loading") pendingIndex = index;
    else highlight(index);
  });
  player.on("playback:state", ({ state }) => {
    if (state !== "idle") return;
    trackId = undefined;
    delete box.dataset.trackId;
    showMessage("idle", "Lyrics show here while a track plays.");
  });
}
