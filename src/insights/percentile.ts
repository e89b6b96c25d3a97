/**
 * The `p`-th percentile (0–100) of some numbers, interpolating between the two nearest ranks
 * (what spreadsheets' PERCENTILE and NumPy do by default): the 50th is the usual median, the
 * mean of the middle two of an even count. Null when there are no numbers.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = ((sorted.length - 1) * p) / 100;
  const below = Math.floor(rank);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return lower + (upper - lower) * (rank - below);
}
