import type { Browser } from "playwright-core";

export declare const CHROMIUM_ARGS: readonly string[];
export declare function buildExample(): Promise<void>;
export declare function serveExample(): Promise<{ url: string; close(): Promise<void> }>;
export declare function launchChromium(): Promise<Browser>;
