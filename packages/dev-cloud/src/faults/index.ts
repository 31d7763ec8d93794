export { applyFault, cutResponseAfter, type FaultOutcome } from "./apply-fault.js";
export { FaultConfigError, type ParsedFaultConfig, parseFaultConfig } from "./fault-config.js";
export { FaultInjector, type FaultInjectorOptions } from "./fault-injector.js";
export { type ErrorFamily, errorFamilyForPath, sendFaultResponse } from "./fault-responses.js";
export type {
  AccessTokenLifetimes,
  AppliedFault,
  FaultConfig,
  FaultConfigInput,
  FaultKind,
  FaultRule,
  FaultRuleInput,
  FaultRuleState,
} from "./fault-types.js";
export { FAULT_KINDS } from "./fault-types.js";
export { compileRoutePattern } from "./route-pattern.js";
