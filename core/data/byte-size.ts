const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** `123.4 MB`: decimal units, as the Hub shows file sizes. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
