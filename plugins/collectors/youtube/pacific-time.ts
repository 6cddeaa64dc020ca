/**
 * YouTube Data API quota resets at midnight Pacific time. Pacific is UTC-8 or UTC-7 depending on the date,
 * so the day and the next midnight come from the time-zone database (Intl), never from a fixed offset.
 */
export const QUOTA_TIME_ZONE = 'America/Los_Angeles';

const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: QUOTA_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function pacificWallTime(ms: number): WallTime {
  const parts = Object.fromEntries(wallClock.formatToParts(ms).map((p) => [p.type, p.value]));
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
  };
}

/** The quota day an instant belongs to, as `YYYY-MM-DD` in Pacific time. */
export function pacificDay(ms: number): string {
  const { year, month, day } = pacificWallTime(ms);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant of the first Pacific midnight after `ms`: when today's quota resets. */
export function nextPacificMidnight(ms: number): number {
  const today = pacificWallTime(ms);
  const target = Date.UTC(today.year, today.month - 1, today.day + 1);
  // Solve wallClock(t) = target: start from the offset at the target, then correct once for a DST change between.
  let instant = target - offsetAt(target);
  instant = target - offsetAt(instant);
  return instant;
}

/** Pacific wall-clock time minus UTC at an instant, in ms (-8 h or -7 h). */
function offsetAt(ms: number): number {
  const w = pacificWallTime(ms);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(ms / 1000) * 1000;
}

/** `2026-03-08 09:00 CET (2026-03-08T08:00:00Z)`: an instant in the user's local zone and in UTC. */
export function formatLocalAndUtc(ms: number): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).formatToParts(ms);
  const part = (type: string) => local.find((p) => p.type === type)?.value ?? '';
  const utc = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')} (${utc})`;
}
