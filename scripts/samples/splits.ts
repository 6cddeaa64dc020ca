/**
 * Builds every split of a dataset: `draft` draws all of a split's random choices, one split after the
 * other, so the draws never depend on timing; then `finish` turns each draft into a row (rendering
 * its image) concurrently, rows kept in draft order.
 */
export async function buildSplits<Draft, Row>(
  sizes: Readonly<Record<string, number>>,
  draft: (size: number) => Draft[],
  finish: (draft: Draft, split: string) => Promise<Row>,
): Promise<Record<string, Row[]>> {
  const drafts = Object.entries(sizes).map(([split, size]) => [split, draft(size)] as const);
  return Object.fromEntries(
    await Promise.all(drafts.map(async ([split, rows]) => [split, await Promise.all(rows.map((row) => finish(row, split)))] as const)),
  );
}
