// Table helpers shared by the benchmarks: every figure is printed next to its
// reference and the ratio between them.

/** Milliseconds with a precision that suits their size. */
export const ms = (value) =>
  Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ms` : "—";

/** A ratio with two decimals. */
export const ratio = (value, reference) =>
  Number.isFinite(value / reference) ? (value / reference).toFixed(2) : "—";

/** A count with thousands separators. */
export const count = (value) => Math.round(value).toLocaleString("en");

/** Prints a markdown table. */
export function printTable(header, rows) {
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  console.log("");
}

/** Prints the library benchmark's result (Chromium worker or Node) as three tables. */
export function printLibraryResult(result, targets) {
  const check = (value, target) => (value <= target ? `≤ ${target} ms ✓` : `≤ ${target} ms ✗`);
  console.log(
    `${count(result.tracks)} tracks filled through applySyncBatch in batches of ${count(result.batchSize)}: ` +
      `${(result.fillMs / 1000).toFixed(1)} s (${count(result.tracks / (result.fillMs / 1000))} tracks/s); ` +
      `warmUpSearch ${ms(result.warmUpMs)}; reference getAll + fold ${ms(result.referenceLoadMs)}`,
  );
  console.log("");
  const header = [
    "measure",
    "library median",
    "library p95",
    "target",
    "naive scan median",
    "naive scan p95",
    "ratio p95 library/naive",
  ];
  const line = (label, t, target) => [
    label,
    ms(t.library.medianMs),
    ms(t.library.p95Ms),
    target === undefined ? "" : check(t.library.p95Ms, target),
    ms(t.reference.medianMs),
    ms(t.reference.p95Ms),
    ratio(t.library.p95Ms, t.reference.p95Ms),
  ];
  printTable(header, [
    line(
      `search, ${result.search.overall.library.samples} keystroke queries`,
      result.search.overall,
      targets.searchP95Ms,
    ),
    line(
      `sorted 50-row page, ${result.pages.overall.library.samples} pages`,
      result.pages.overall,
      targets.pageP95Ms,
    ),
  ]);
  printTable(
    ["query", "matches", "library median", "library p95", "naive median", "naive p95"],
    result.search.queries.map((q) => [
      `\`${q.name}\``,
      count(q.rows),
      ms(q.library.medianMs),
      ms(q.library.p95Ms),
      ms(q.reference.medianMs),
      ms(q.reference.p95Ms),
    ]),
  );
  printTable(
    ["sort (50-row pages)", "library median", "library p95", "naive sort-all median", "naive p95"],
    result.pages.sorts.map((s) => [
      s.name,
      ms(s.library.medianMs),
      ms(s.library.p95Ms),
      ms(s.reference.medianMs),
      ms(s.reference.p95Ms),
    ]),
  );
}

/** The targets of the library benchmark (p95, ms). */
export const LIBRARY_TARGETS = { searchP95Ms: 15, pageP95Ms: 10 };
