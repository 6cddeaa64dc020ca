import { z } from 'zod';
import type { MetricTable } from '../contracts/metric.js';
import type { Estimate, ResultTable } from './results.js';

const label = z.string();
const cell = z.union([z.string(), z.number(), z.nan(), z.null(), z.strictObject({ number: z.string() })]);

/** What a metric's `table` may return (the contract's MetricTable), checked since it comes from a plugin. */
const metricTable = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('confusion'), rows: z.array(label), columns: z.array(label), counts: z.array(z.array(z.number())) }),
    z.strictObject({ kind: z.literal('table'), columns: z.array(label).min(1), rows: z.array(z.array(cell)) }),
  ])
  .superRefine((table, context) => {
    const width = table.columns.length;
    const rows = table.kind === 'confusion' ? table.counts : table.rows;
    if (table.kind === 'confusion' && rows.length !== table.rows.length) {
      context.addIssue({ code: 'custom', path: ['counts'], message: `${rows.length} rows of counts for ${table.rows.length} row labels` });
    }
    rows.forEach((row, r) => {
      if (row.length !== width) context.addIssue({ code: 'custom', path: [table.kind === 'confusion' ? 'counts' : 'rows', r], message: `${row.length} cells for ${width} columns` });
    });
  });

/**
 * A metric's table as metrics.json stores it: checked against the contract (a malformed one is the
 * plugin's bug, reported in one line), with each reference to one of the metric's numbers replaced by
 * that number's estimate.
 */
export function resultTable(table: MetricTable, numbers: Readonly<Record<string, Estimate>>): ResultTable {
  const parsed = metricTable.safeParse(table);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`table: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  const checked = parsed.data;
  if (checked.kind === 'confusion') return checked;
  const rows = checked.rows.map((row) =>
    row.map((c) => {
      if (c === null || typeof c !== 'object') return c;
      const estimate = numbers[c.number];
      if (!estimate) throw new Error(`table: refers to '${c.number}', which is not one of the metric's numbers`);
      return estimate;
    }),
  );
  return { kind: 'table', columns: checked.columns, rows };
}
