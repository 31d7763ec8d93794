/**
 * Google's partial-response `fields` parameter: parse a selection such as
 * `nextPageToken,files(id,name),files/size` into a mask, check it against the
 * resource's schema, and cut responses down to it.
 */

/** A parsed selection: everything, or the chosen keys with their own selections. */
export type FieldMask = "all" | ReadonlyMap<string, FieldMask>;

/** The shape of a resource for validation: a key maps to a nested schema or `null` (a leaf). */
export type FieldSchema = { readonly [key: string]: FieldSchema | null };

/** The result of {@link parseFieldMask}. */
export type ParsedFieldMask = { ok: true; mask: FieldMask } | { ok: false; message: string };

type MutableMask = "all" | Map<string, MutableMask>;

class FieldSyntaxError extends Error {}

/**
 * Parses a `fields` value and validates it against `schema`. Arrays are
 * transparent (`files(id)` selects `id` of every file), `*` selects
 * everything at its level, and unknown keys fail as Drive's
 * `Invalid field selection <key>` does.
 *
 * @example
 * ```ts
 * parseFieldMask("files(id,name),nextPageToken", FILE_LIST_SCHEMA);
 * ```
 */
export function parseFieldMask(text: string, schema: FieldSchema): ParsedFieldMask {
  let mask: MutableMask;
  try {
    const parser = new FieldParser(text);
    mask = parser.parseAll();
  } catch (error) {
    if (error instanceof FieldSyntaxError) {
      return { ok: false, message: `Invalid field selection ${text}` };
    }
    throw error;
  }
  const unknown = findUnknownField(mask, schema);
  return unknown === undefined
    ? { ok: true, mask }
    : { ok: false, message: `Invalid field selection ${unknown}` };
}

/** Cuts `value` down to `mask`, keeping the value's own key order. */
export function applyFieldMask(value: unknown, mask: FieldMask): unknown {
  if (mask === "all") return value;
  if (Array.isArray(value)) return value.map((element) => applyFieldMask(element, mask));
  if (value === null || typeof value !== "object") return value;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const sub = mask.get(key);
    if (sub !== undefined) result[key] = applyFieldMask(source[key], sub);
  }
  return result;
}

/** Whether `mask` selects `key` (wholly or partly). */
export function selectsField(mask: FieldMask, key: string): boolean {
  return mask === "all" || mask.has(key);
}

/** The selection under `key`, or `undefined` when `key` is not selected. */
export function subFieldMask(mask: FieldMask, key: string): FieldMask | undefined {
  return mask === "all" ? "all" : mask.get(key);
}

class FieldParser {
  private position = 0;

  constructor(private readonly text: string) {}

  parseAll(): MutableMask {
    const mask = this.parseList();
    if (this.position < this.text.length) throw new FieldSyntaxError();
    return mask;
  }

  /** `item (',' item)*`, stopping before `)` or the end. */
  private parseList(): MutableMask {
    let mask: MutableMask = new Map();
    do {
      mask = merge(mask, this.parseItem());
    } while (this.take(","));
    return mask;
  }

  /** `name ('/' name)* ('(' list ')')?`, returned as a one-path mask. */
  private parseItem(): MutableMask {
    const path: string[] = [this.parseName()];
    while (this.take("/")) path.push(this.parseName());
    let leaf: MutableMask = "all";
    if (this.take("(")) {
      leaf = this.parseList();
      if (!this.take(")")) throw new FieldSyntaxError();
    }
    const starAt = path.indexOf("*");
    // `*` selects everything below it; nothing may follow it.
    if (starAt >= 0 && (starAt !== path.length - 1 || leaf !== "all")) throw new FieldSyntaxError();
    let mask: MutableMask = leaf;
    for (let i = path.length - 1; i >= 0; i--) {
      const name = path[i] ?? "";
      mask = name === "*" ? "all" : new Map([[name, mask]]);
    }
    return mask;
  }

  private parseName(): string {
    this.skipSpaces();
    const match = /^(\*|[A-Za-z0-9_]+)/.exec(this.text.slice(this.position));
    if (match === null || match[1] === undefined) throw new FieldSyntaxError();
    this.position += match[1].length;
    this.skipSpaces();
    return match[1];
  }

  private take(char: string): boolean {
    this.skipSpaces();
    if (this.text[this.position] !== char) return false;
    this.position++;
    return true;
  }

  private skipSpaces(): void {
    while (this.text[this.position] === " ") this.position++;
  }
}

function merge(left: MutableMask, right: MutableMask): MutableMask {
  if (left === "all" || right === "all") return "all";
  const result = new Map(left);
  for (const [key, sub] of right) {
    const existing = result.get(key);
    result.set(key, existing === undefined ? sub : merge(existing, sub));
  }
  return result;
}

/** The first selected key the schema does not have, as a `a/b` path. */
function findUnknownField(mask: MutableMask, schema: FieldSchema, prefix = ""): string | undefined {
  if (mask === "all") return undefined;
  for (const [key, sub] of mask) {
    const path = prefix === "" ? key : `${prefix}/${key}`;
    if (!Object.hasOwn(schema, key)) return path;
    const nested = schema[key];
    if (sub === "all") continue;
    if (nested === null || nested === undefined) return path;
    const unknown = findUnknownField(sub, nested, path);
    if (unknown !== undefined) return unknown;
  }
  return undefined;
}
