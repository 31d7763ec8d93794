export type { DevCloud, DevCloudOptions } from "./server.js";
export { startDevCloud } from "./server.js";
