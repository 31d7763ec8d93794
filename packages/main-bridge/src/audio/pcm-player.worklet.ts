/// <reference types="audioworklet" />
/**
 * The `player-pcm` AudioWorklet processor: the shell around {@link PcmPlayer}.
 * Built on its own by `scripts/build-worklet.mjs` (see tsconfig.worklet.json
 * for its types); the page loads it from a Blob URL or a hosted file.
 */
import type { SinkReport } from "@player/core-runtime";
import { PcmPlayer } from "./pcm-player.js";

/** The processor's name, which `AudioSink` passes to `AudioWorkletNode`. */
const PROCESSOR_NAME = "player-pcm";

/** The parts of `AudioWorkletNodeOptions` the processor reads. */
interface ProcessorConstructionOptions {
  outputChannelCount?: number[];
  processorOptions?: { sharedMemory?: unknown };
}

class PcmPlayerProcessor extends AudioWorkletProcessor {
  private player: PcmPlayer | undefined;
  private workerPort: MessagePort | undefined;
  private closed = false;
  private readonly channels: number;
  private readonly sharedMemory: boolean;

  constructor(options: ProcessorConstructionOptions) {
    super();
    this.channels = options.outputChannelCount?.[0] ?? 2;
    this.sharedMemory = options.processorOptions?.sharedMemory === true;
    this.port.onmessage = (event: MessageEvent) => this.onNodeMessage(event.data);
  }

  /** The page hands over the worker's channel end; a later one replaces it (worker restart). */
  private onNodeMessage(data: unknown): void {
    if (typeof data !== "object" || data === null) return;
    const { type, port } = data as { type?: unknown; port?: unknown };
    if (type === "close") {
      // The sink was closed: stop rendering so the node can be collected.
      this.workerPort?.close();
      this.closed = true;
      return;
    }
    if (type !== "connect" || !(port instanceof MessagePort)) return;
    this.workerPort?.close();
    const player = new PcmPlayer({
      sampleRate,
      channels: this.channels,
      sharedMemory: this.sharedMemory,
      currentTime: () => currentTime,
      post: (report: SinkReport) => port.postMessage(report),
    });
    port.onmessage = (event: MessageEvent) => player.handleCommand(event.data);
    this.workerPort = port;
    this.player = player;
    player.hello();
  }

  process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const output = outputs[0];
    if (this.closed) return false;
    if (output === undefined) return true;
    if (this.player === undefined) {
      for (let c = 0; c < output.length; c++) output[c]?.fill(0);
    } else {
      this.player.render(output);
    }
    return true;
  }
}

registerProcessor(PROCESSOR_NAME, PcmPlayerProcessor);
