export { captureGrantType } from "./capture-grant-type.js";
export { RequestLog, type RequestLogOptions, type RequestRecorder } from "./request-log.js";
export type { RequestLogEntry, RequestLogQuery } from "./request-log-types.js";
export { isTokenEndpoint } from "./token-endpoints.js";
