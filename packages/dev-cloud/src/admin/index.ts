export {
  type AdminFileContent,
  DevCloudAdmin,
  DevCloudAdminError,
  type DevCloudAdminOptions,
} from "./admin-client.js";
export { AdminInputError } from "./admin-input.js";
export { type AdminRouteDependencies, registerAdminRoutes } from "./admin-routes.js";
export type {
  AdminAddFileBody,
  AdminClockBody,
  AdminErrorBody,
  AdminItemSummary,
  AdminLibrarySummary,
  AdminRequestsBody,
  AdminTrackSummary,
  AdminUpdateFileBody,
} from "./admin-types.js";
export { summarizeItem, summarizeLibrary } from "./library-summary.js";
