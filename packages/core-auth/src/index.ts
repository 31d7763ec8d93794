export type { Account, AccountId, AccountStatus, AccountSummary } from "./account.js";
export { accountIdOf, toAccountSummary } from "./account.js";
export {
  AUTH_DATABASE_NAME,
  AuthDatabase,
  type IndexedDbDependencies,
} from "./auth-database.js";
export {
  AuthService,
  type BeginSignInOptions,
  SIGN_IN_RETENTION_MS,
  SIGN_IN_TIMEOUT_MS,
  type SignInRequest,
} from "./auth-service.js";
export type {
  AuthProvidersConfig,
  AuthServiceOptions,
  GoogleClientConfig,
  MicrosoftClientConfig,
} from "./auth-service-options.js";
export { fetchWithOrigin } from "./fetch-with-origin.js";
export type {
  AuthProviderEndpoint,
  AuthProviderId,
  AuthProviderOverrides,
  AuthProviderPreset,
} from "./providers.js";
export {
  devCloudEndpoints,
  googleProvider,
  microsoftProvider,
  microsoftTenantProvider,
  resolveProvider,
} from "./providers.js";
export {
  type PendingSignIn,
  type PendingSignInLookup,
  type TokenSet,
  TokenVault,
  type TokenVaultOptions,
} from "./token-vault.js";
