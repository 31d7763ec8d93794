import { PlayerError } from "./errors.js";

/**
 * Checks for public method arguments. Arguments cross postMessage from code we
 * do not control, so every public worker method checks them and rejects with
 * `runtime/invalid-argument` naming the argument.
 */

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object")
    return `a ${Object.getPrototypeOf(value)?.constructor?.name ?? "object"}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}

function invalidArgument(name: string, expected: string, value: unknown): PlayerError {
  return new PlayerError(
    "runtime/invalid-argument",
    `Argument "${name}" must be ${expected}, got ${describeValue(value)}`,
    { details: { argument: name } },
  );
}

/** Returns `value` if it is an integer in `[min, max]`, else throws `runtime/invalid-argument`. */
export function requireInteger(value: unknown, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
    throw invalidArgument(name, `an integer from ${min} to ${max}`, value);
  }
  return value as number;
}

/** Returns `value` if it is a non-empty string, else throws `runtime/invalid-argument`. */
export function requireString(value: unknown, name: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalidArgument(name, "a non-empty string", value);
  }
  return value;
}

/** Returns `value` if it is an ArrayBuffer (not detached), else throws `runtime/invalid-argument`. */
export function requireArrayBuffer(value: unknown, name: string): ArrayBuffer {
  if (!(value instanceof ArrayBuffer)) throw invalidArgument(name, "an ArrayBuffer", value);
  return value;
}
