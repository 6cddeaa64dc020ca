import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine, type Machine } from './machine.js';
import { PROJECT_DIR } from './processes.js';

export const PERFORMANCE_DOC = join(PROJECT_DIR, 'docs', 'performance.md');

/** A Markdown table padded to equal widths, so it reads the same on the console. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Fixed decimals; '-' for a missing figure. */
export function fixed(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

export interface Section {
  /** Marker name, e.g. `saturation`. */
  readonly name: string;
  readonly title: string;
  readonly command: string;
  readonly machine: Machine;
  /** Markdown: tables and notes. */
  readonly body: string;
}

function render(section: Section): string {
  return [
    `## ${section.title}`,
    '',
    `Command: \`${section.command}\`  `,
    `Machine: ${describeMachine(section.machine)}`,
    '',
    section.body.trim(),
  ].join('\n');
}

/**
 * Replaces the section between `<!-- benchmark:NAME -->` and `<!-- /benchmark:NAME -->` in
 * docs/performance.md (appending it when absent), so each benchmark rewrites only its own figures.
 */
export function writeSection(section: Section): void {
  const open = `<!-- benchmark:${section.name} -->`;
  const close = `<!-- /benchmark:${section.name} -->`;
  const block = `${open}\n${render(section)}\n${close}`;
  const text = existsSync(PERFORMANCE_DOC) ? readFileSync(PERFORMANCE_DOC, 'utf8') : '# Performance\n';
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  const next = start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + close.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(PERFORMANCE_DOC, next);
  console.log(`\nwritten to ${PERFORMANCE_DOC} (section ${section.name})`);
}
