/** One line of the benchmark table, and its entry in bench/results.json. */
export interface BenchResult {
  id: string;
  what: string;
  /** The measured figures, by name (units in the name: `_ms`, `_per_s`, `_mb`). */
  figures: Record<string, number | string | boolean>;
  /** What the figure is compared with, if anything, and the ratio. */
  comparison?: { with: string; ratio: number; ratioMeaning: string };
  target: string;
  met: boolean;
  /** One line for the table. */
  summary: string;
}
