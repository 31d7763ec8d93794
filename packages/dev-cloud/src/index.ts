/**
 * A local emulator of Google Drive, OneDrive, their sign-in and the lyrics
 * and artwork services, for tests, benchmarks and the demo.
 */
export {
  type AdminFileContent,
  DevCloudAdmin,
  DevCloudAdminError,
  type DevCloudAdminOptions,
} from "./admin/admin-client.js";
export type {
  AdminItemSummary,
  AdminLibrarySummary,
  AdminTrackSummary,
} from "./admin/admin-types.js";
export { type DetectedTone, detectTone, goertzelPower } from "./audio/tone-detector.js";
export type {
  DevClock,
  DevCloudContext,
  DevUser,
  OAuthClients,
  ProviderFaults,
  ProviderName,
  SeededRandom,
} from "./context.js";
export {
  type CreateDevCloudContextOptions,
  createDevCloudContext,
  DEV_OAUTH_CLIENTS,
  DEV_USERS,
  type DevCloudContextHandle,
} from "./create-context.js";
export type {
  AccessTokenLifetimes,
  AppliedFault,
  FaultConfig,
  FaultConfigInput,
  FaultKind,
  FaultRuleInput,
  FaultRuleState,
} from "./faults/fault-types.js";
export type { AudioFormat, BrokenKind, TrackFacts } from "./library/library-types.js";
export { TONE_DURATION_MS, TONE_FREQUENCIES_HZ } from "./library/tone-plan.js";
export type { RequestLogEntry, RequestLogQuery } from "./request-log/request-log-types.js";
export {
  DEFAULT_SEED,
  DEFAULT_TRACKS,
  type DevCloud,
  type DevCloudOptions,
  startDevCloud,
} from "./server.js";
export {
  type ApproveSignInOptions,
  approveSignIn,
  type SignInApproval,
} from "./testing/approve-sign-in.js";
export {
  signInGoogle,
  signInMicrosoft,
  signInTestAccount,
  type TestAccessTokenOptions,
  type TestAccount,
  type TestProvider,
  TestTokenSource,
} from "./testing/test-accounts.js";
