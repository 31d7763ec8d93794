export type { SniffedFormat } from "./format-sniffer.js";
export { sniffFormat } from "./format-sniffer.js";
