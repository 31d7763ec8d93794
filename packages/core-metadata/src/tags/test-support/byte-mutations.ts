/** Test-only: fast-check mutations of a file's tag bytes, aimed at its size fields. */
import fc from "fast-check";
import type { TagLayout } from "./size-fields.js";
import { concat } from "./tag-file-builders.js";

/** One change to a file. */
export type Mutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "overwrite"; at: number; bytes: number[] }
  | { kind: "size"; field: number; value: number }
  | { kind: "truncate"; keep: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "delete"; at: number; length: number };

/** Values that break length fields: zero, one, all ones, the sign bit, anything. */
const SIZE_VALUES = fc.oneof(
  fc.constantFrom(0, 1, 0xff, 0xffff, 0xffffff, 0x7fffffff, 0xffffffff, 0x80000000),
  fc.nat({ max: 0xffffffff }),
);

/** Mutations of a file of `size` bytes whose tags are laid out as `layout`. */
export function mutationArbitrary(layout: TagLayout, size: number): fc.Arbitrary<Mutation> {
  const { start, end } = layout.region;
  const inRegion = fc.integer({ min: start, max: Math.max(start, Math.min(end, size) - 1) });
  const runs = fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 64 });
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({ kind: fc.constant("flip" as const), at: inRegion, bit: fc.nat({ max: 7 }) }),
    fc.record({ kind: fc.constant("overwrite" as const), at: inRegion, bytes: runs }),
    fc.record({ kind: fc.constant("truncate" as const), keep: fc.nat({ max: size }) }),
    fc.record({ kind: fc.constant("insert" as const), at: inRegion, bytes: runs }),
    fc.record({
      kind: fc.constant("delete" as const),
      at: inRegion,
      length: fc.integer({ min: 1, max: 64 }),
    }),
  ];
  if (layout.fields.length > 0) {
    const field = fc.nat({ max: layout.fields.length - 1 });
    const size = fc.record({ kind: fc.constant("size" as const), field, value: SIZE_VALUES });
    // Size fields are where parsers go wrong: aim there most often.
    options.push(size, size, size);
  }
  return fc.oneof(...options);
}

/** Applies mutations in order to a copy of `bytes`. */
export function applyMutations(
  bytes: Uint8Array,
  layout: TagLayout,
  mutations: readonly Mutation[],
): Uint8Array {
  let result: Uint8Array = bytes.slice();
  for (const mutation of mutations) {
    switch (mutation.kind) {
      case "flip":
        if (mutation.at < result.length)
          result[mutation.at] = (result[mutation.at] ?? 0) ^ (1 << mutation.bit);
        break;
      case "overwrite":
        mutation.bytes.forEach((byte, index) => {
          if (mutation.at + index < result.length) result[mutation.at + index] = byte;
        });
        break;
      case "size": {
        const field = layout.fields[mutation.field];
        if (field === undefined) break;
        for (let index = 0; index < field.width; index++) {
          const shift = 8 * (field.littleEndian ? index : field.width - 1 - index);
          const at = field.offset + index;
          if (at < result.length) result[at] = Math.floor(mutation.value / 2 ** shift) & 0xff;
        }
        break;
      }
      case "truncate":
        result = result.slice(0, mutation.keep);
        break;
      case "insert":
        result = concat([
          result.subarray(0, mutation.at),
          Uint8Array.from(mutation.bytes),
          result.subarray(mutation.at),
        ]);
        break;
      case "delete":
        result = concat([
          result.subarray(0, mutation.at),
          result.subarray(mutation.at + mutation.length),
        ]);
        break;
    }
  }
  return result;
}
