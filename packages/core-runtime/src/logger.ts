import { redact } from "./redact.js";

/** Log levels, lowest first. `silent` logs nothing. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

/** The log levels in order, for validation and comparison. */
export const LOG_LEVELS: readonly LogLevel[] = Object.freeze([
  "debug",
  "info",
  "warn",
  "error",
  "silent",
]);

/** One log line, already redacted. */
export interface LogRecord {
  level: Exclude<LogLevel, "silent">;
  /** Which component wrote it, e.g. `http` or `auth`. */
  scope: string;
  message: string;
  /** Milliseconds since the epoch, from the injected clock. */
  time: number;
  context?: Record<string, unknown>;
}

/** Where log records go. A sink that throws is ignored, never breaks the caller. */
export type LogSink = (record: LogRecord) => void;

/** Options for {@link Logger}. */
export interface LoggerOptions {
  level?: LogLevel;
  sink?: LogSink;
  scope?: string;
  now?: () => number;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** A sink that writes to the console of the current realm. */
export const consoleSink: LogSink = (record) => {
  const line = `[${record.scope}] ${record.message}`;
  const args = record.context === undefined ? [line] : [line, record.context];
  if (record.level === "error") console.error(...args);
  else if (record.level === "warn") console.warn(...args);
  else if (record.level === "info") console.info(...args);
  else console.debug(...args);
};

/**
 * A levelled logger with a pluggable sink. Messages and context are passed
 * through {@link redact} so tokens and Authorization headers never reach a sink.
 *
 * @example
 * ```ts
 * const log = new Logger({ level: "info", sink: (r) => lines.push(r) }).child("http");
 * log.warn("retrying", { url, attempt: 2 });
 * ```
 */
export class Logger {
  private level: LogLevel;
  private readonly sink: LogSink;
  private readonly now: () => number;
  readonly scope: string;

  constructor(options: LoggerOptions = {}) {
    this.level = options.level ?? "warn";
    this.sink = options.sink ?? consoleSink;
    this.now = options.now ?? Date.now;
    this.scope = options.scope ?? "player";
  }

  /** A logger for a sub-component that shares this one's sink and level. */
  child(scope: string): Logger {
    const child = new Logger({
      level: this.level,
      sink: this.sink,
      now: this.now,
      scope: `${this.scope}:${scope}`,
    });
    return child;
  }

  setLevel(level: LogLevel): void {
    this.level = level;
  }

  getLevel(): LogLevel {
    return this.level;
  }

  isEnabled(level: Exclude<LogLevel, "silent">): boolean {
    return RANK[level] >= RANK[this.level];
  }

  debug(message: string, context?: Record<string, unknown>): void {
    this.write("debug", message, context);
  }

  info(message: string, context?: Record<string, unknown>): void {
    this.write("info", message, context);
  }

  warn(message: string, context?: Record<string, unknown>): void {
    this.write("warn", message, context);
  }

  error(message: string, context?: Record<string, unknown>): void {
    this.write("error", message, context);
  }

  private write(
    level: Exclude<LogLevel, "silent">,
    message: string,
    context: Record<string, unknown> | undefined,
  ): void {
    if (!this.isEnabled(level)) return;
    const record: LogRecord = {
      level,
      scope: this.scope,
      message: redact(message) as string,
      time: this.now(),
    };
    if (context !== undefined) record.context = redact(context) as Record<string, unknown>;
    try {
      this.sink(record);
    } catch {
      // A broken sink must not break the code that logs.
    }
  }
}
