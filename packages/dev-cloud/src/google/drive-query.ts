/**
 * The subset of Drive's `q` search syntax the emulator understands:
 * `name`/`mimeType` with `contains`, `=`, `!=`; `trashed = true|false`;
 * `'ID' in parents`; `'me' in owners`; `modifiedTime`/`createdTime` compared
 * with RFC 3339 strings; joined by `and`, `or`, `not` and parentheses.
 * Keywords are case-insensitive, field names are not (as in Drive).
 */

/** A parsed `q`. */
export type DriveQuery =
  | { type: "and" | "or"; left: DriveQuery; right: DriveQuery }
  | { type: "not"; operand: DriveQuery }
  | { type: "text"; field: "name" | "mimeType"; operator: "contains" | "=" | "!="; value: string }
  | { type: "trashed"; operator: "=" | "!="; value: boolean }
  | { type: "in"; value: string; collection: "parents" | "owners" }
  | {
      type: "time";
      field: "modifiedTime" | "createdTime";
      operator: ComparisonOperator;
      value: number;
    };

type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";

/** The result of {@link parseDriveQuery}. */
export type ParsedDriveQuery = { ok: true; query: DriveQuery } | { ok: false; message: string };

/** What a query is evaluated against: one item's searchable facts. */
export interface QueryTarget {
  name: string;
  mimeType: string;
  parentId: string | null;
  /** Trashed itself or under a trashed folder. */
  trashed: boolean;
  createdTime: number;
  modifiedTime: number;
}

/** Facts outside the item a query can refer to. */
export interface QueryEnvironment {
  /** What the `'root'` alias stands for. */
  rootId: string;
  /** The caller's address, for `'…' in owners`. */
  userEmail: string;
}

type Token =
  | { kind: "string"; value: string }
  | { kind: "word"; value: string }
  | { kind: "operator"; value: ComparisonOperator }
  | { kind: "paren"; value: "(" | ")" };

class QuerySyntaxError extends Error {}

/**
 * Parses a `q` parameter. Anything outside the supported subset fails, so
 * a client relying on an unsupported term hears about it (Drive's own answer
 * to a malformed `q` is the same `400 invalid`).
 *
 * @example
 * ```ts
 * parseDriveQuery("mimeType contains 'audio/' and trashed = false and 'root' in parents");
 * ```
 */
export function parseDriveQuery(text: string): ParsedDriveQuery {
  try {
    const parser = new QueryParser(tokenize(text));
    return { ok: true, query: parser.parseQuery() };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

/** Evaluates a parsed query for one item. */
export function matchesDriveQuery(
  query: DriveQuery,
  target: QueryTarget,
  environment: QueryEnvironment,
): boolean {
  switch (query.type) {
    case "and":
      return (
        matchesDriveQuery(query.left, target, environment) &&
        matchesDriveQuery(query.right, target, environment)
      );
    case "or":
      return (
        matchesDriveQuery(query.left, target, environment) ||
        matchesDriveQuery(query.right, target, environment)
      );
    case "not":
      return !matchesDriveQuery(query.operand, target, environment);
    case "text": {
      const actual = target[query.field];
      if (query.operator === "=") return actual === query.value;
      if (query.operator === "!=") return actual !== query.value;
      return query.field === "name"
        ? containsWordPrefix(actual, query.value)
        : actual.toLowerCase().includes(query.value.toLowerCase());
    }
    case "trashed":
      return (target.trashed === query.value) === (query.operator === "=");
    case "in":
      if (query.collection === "owners") {
        return (
          query.value === "me" || query.value.toLowerCase() === environment.userEmail.toLowerCase()
        );
      }
      return target.parentId === (query.value === "root" ? environment.rootId : query.value);
    case "time":
      return compare(target[query.field], query.operator, query.value);
  }
}

/**
 * Drive's `name contains` matches prefixes of words, not any substring:
 * `'Hello'` finds "HelloWorld" but `'World'` does not; `'World'` does find
 * "Hello World". Case is ignored.
 */
function containsWordPrefix(name: string, value: string): boolean {
  const haystack = name.toLowerCase();
  const needle = value.toLowerCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(haystack[at - 1] ?? "")) return true;
  }
  return false;
}

function compare(actual: number, operator: ComparisonOperator, expected: number): boolean {
  switch (operator) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case "<":
      return actual < expected;
    case "<=":
      return actual <= expected;
    case ">":
      return actual > expected;
    case ">=":
      return actual >= expected;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? "";
    if (/\s/.test(char)) {
      i++;
    } else if (char === "(" || char === ")") {
      tokens.push({ kind: "paren", value: char });
      i++;
    } else if (char === "'") {
      let value = "";
      i++;
      for (;;) {
        const next = text[i];
        if (next === undefined) throw new QuerySyntaxError("Unterminated string in q.");
        i++;
        if (next === "'") break;
        if (next === "\\") {
          // `\'` and `\\` are the documented escapes; any escaped char stands for itself.
          const escaped = text[i];
          if (escaped === undefined) throw new QuerySyntaxError("Unterminated string in q.");
          value += escaped;
          i++;
        } else {
          value += next;
        }
      }
      tokens.push({ kind: "string", value });
    } else if (/[=!<>]/.test(char)) {
      const two = text.slice(i, i + 2);
      const operator = ["!=", "<=", ">="].includes(two) ? two : char;
      if (operator === "!") throw new QuerySyntaxError("Unexpected '!' in q.");
      tokens.push({ kind: "operator", value: operator as ComparisonOperator });
      i += operator.length;
    } else {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      if (match === null) throw new QuerySyntaxError(`Unexpected character '${char}' in q.`);
      tokens.push({ kind: "word", value: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

const TIME_VALUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

class QueryParser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseQuery(): DriveQuery {
    if (this.tokens.length === 0) throw new QuerySyntaxError("Empty q.");
    const query = this.parseOr();
    if (this.index < this.tokens.length)
      throw new QuerySyntaxError("Unexpected text after the query.");
    return query;
  }

  private parseOr(): DriveQuery {
    let left = this.parseAnd();
    while (this.takeKeyword("or")) left = { type: "or", left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): DriveQuery {
    let left = this.parseUnary();
    while (this.takeKeyword("and")) left = { type: "and", left, right: this.parseUnary() };
    return left;
  }

  private parseUnary(): DriveQuery {
    if (this.takeKeyword("not")) return { type: "not", operand: this.parseUnary() };
    const token = this.peek();
    if (token?.kind === "paren" && token.value === "(") {
      this.index++;
      const inner = this.parseOr();
      const close = this.next();
      if (close?.kind !== "paren" || close.value !== ")")
        throw new QuerySyntaxError("Missing ')'.");
      return inner;
    }
    return this.parseTerm();
  }

  private parseTerm(): DriveQuery {
    const first = this.next();
    if (first?.kind === "string") {
      if (!this.takeKeyword("in")) throw new QuerySyntaxError("Expected 'in' after a string.");
      const collection = this.next();
      if (
        collection?.kind !== "word" ||
        (collection.value !== "parents" && collection.value !== "owners")
      ) {
        throw new QuerySyntaxError("Expected parents or owners after 'in'.");
      }
      return { type: "in", value: first.value, collection: collection.value };
    }
    if (first?.kind !== "word") throw new QuerySyntaxError("Expected a query term.");
    const field = first.value;
    const operator = this.parseOperator();
    const value = this.next();
    if (field === "name" || field === "mimeType") {
      if (operator !== "contains" && operator !== "=" && operator !== "!=") {
        throw new QuerySyntaxError(`${field} does not support ${operator}.`);
      }
      if (value?.kind !== "string") throw new QuerySyntaxError(`${field} needs a quoted value.`);
      return { type: "text", field, operator, value: value.value };
    }
    if (field === "trashed") {
      const flag = value?.kind === "word" ? value.value.toLowerCase() : "";
      if ((operator !== "=" && operator !== "!=") || (flag !== "true" && flag !== "false")) {
        throw new QuerySyntaxError("trashed takes = or != with true or false.");
      }
      return { type: "trashed", operator, value: flag === "true" };
    }
    if (field === "modifiedTime" || field === "createdTime") {
      if (operator === "contains")
        throw new QuerySyntaxError(`${field} does not support contains.`);
      if (value?.kind !== "string" || !TIME_VALUE.test(value.value)) {
        throw new QuerySyntaxError(`${field} needs an RFC 3339 date-time.`);
      }
      // Drive reads a date-time without an offset as UTC.
      const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value.value) ? value.value : `${value.value}Z`;
      return { type: "time", field, operator, value: Date.parse(zoned) };
    }
    throw new QuerySyntaxError(`Unsupported query term: ${field}.`);
  }

  private parseOperator(): ComparisonOperator | "contains" {
    const token = this.next();
    if (token?.kind === "operator") return token.value;
    if (token?.kind === "word" && token.value.toLowerCase() === "contains") return "contains";
    throw new QuerySyntaxError("Expected an operator.");
  }

  private takeKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token?.kind !== "word" || token.value.toLowerCase() !== keyword) return false;
    this.index++;
    return true;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index++;
    return token;
  }
}
