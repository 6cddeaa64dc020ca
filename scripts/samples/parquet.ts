import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer, type SchemaElement } from 'hyparquet-writer';

/** The `datasets` Image feature as parquet holds it. */
interface ImageCell {
  readonly bytes: Uint8Array;
  /** The original file name, as the Hub data keeps it. */
  readonly path: string;
}

/** How a column is stored: the parquet types pyarrow writes for these `datasets` features. */
type ColumnKind = 'string' | 'int64' | 'image' | 'string-list';

type CellOf<K extends ColumnKind> = {
  string: string | null;
  int64: number;
  image: ImageCell;
  'string-list': readonly string[];
}[K];

/** A dataset's columns in file order: column name -> kind. */
type Columns = Readonly<Record<string, ColumnKind>>;

/** A row of a dataset with `columns`: each cell typed by its column's kind. */
export type RowOf<C extends Columns> = { readonly [Name in keyof C]: CellOf<C[Name]> };

const STRING = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' } as const;

function schemaOf(name: string, kind: ColumnKind): SchemaElement[] {
  switch (kind) {
    case 'string':
      return [{ name, ...STRING }];
    case 'int64':
      return [{ name, type: 'INT64', repetition_type: 'OPTIONAL' }];
    case 'image':
      return [
        { name, repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'path', ...STRING },
      ];
    case 'string-list':
      return [
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', ...STRING },
      ];
  }
}

const FEATURES: Record<ColumnKind, unknown> = {
  string: { dtype: 'string', _type: 'Value' },
  int64: { dtype: 'int64', _type: 'Value' },
  image: { _type: 'Image' },
  'string-list': { feature: { dtype: 'string', _type: 'Value' }, _type: 'Sequence' },
};

/** `datasets` reads its features from this footer entry: without it, `image` would load as a plain struct. */
function huggingfaceMetadata(columns: Columns): { key: string; value: string } {
  const features = Object.fromEntries(Object.entries(columns).map(([name, kind]) => [name, FEATURES[kind]]));
  return { key: 'huggingface', value: JSON.stringify({ info: { features } }) };
}

const toCell = (kind: ColumnKind, value: unknown) => (kind === 'int64' ? BigInt(value as number) : value);

/** `datasets` writes image datasets in row groups of 100 rows. */
const ROW_GROUP_SIZE = 100;

/**
 * Writes a dataset folder in the Hub layout, one snappy shard per split:
 * `<dir>/data/<split>-00000-of-00001.parquet`. The folder is emptied first so no stale shard remains.
 */
export function writeHubDataset<C extends Columns>(dir: string, columns: C, splits: Readonly<Record<string, readonly RowOf<C>[]>>): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  const schema: SchemaElement[] = [
    { name: 'schema', num_children: Object.keys(columns).length },
    ...Object.entries(columns).flatMap(([name, kind]) => schemaOf(name, kind)),
  ];
  for (const [split, rows] of Object.entries(splits)) {
    const buffer = parquetWriteBuffer({
      schema,
      codec: 'SNAPPY',
      rowGroupSize: ROW_GROUP_SIZE,
      kvMetadata: [huggingfaceMetadata(columns)],
      columnData: Object.entries(columns).map(([name, kind]) => ({ name, data: rows.map((row) => toCell(kind, row[name])) })),
    });
    writeFileSync(join(dir, 'data', `${split}-00000-of-00001.parquet`), new Uint8Array(buffer));
  }
}
