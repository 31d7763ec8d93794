export type { Account, AccountId } from "./account.js";
export type {
  AuthProviderEndpoint,
  AuthProviderId,
  AuthProviderOverrides,
  AuthProviderPreset,
} from "./providers.js";
export { googleProvider, microsoftProvider, resolveProvider } from "./providers.js";
