import type { Browser } from "playwright-core";

export declare const CHROMIUM_ARGS: readonly string[];
/** `name` is a folder of `examples/`; default `basic`. */
export declare function buildExample(name?: string): Promise<void>;
export declare function serveExample(
  name?: string,
): Promise<{ url: string; close(): Promise<void> }>;
export declare function launchChromium(): Promise<Browser>;
