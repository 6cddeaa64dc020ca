/**
 * Normalises a model's raw answer before label matching: reasoning blocks removed, markdown and
 * quotes stripped, lower-cased, `_` and `-` read as spaces, punctuation dropped, spaces collapsed.
 */
const OPEN = '<think>';
const CLOSE = '</think>';

/** Removes every `<think>...</think>` block, scanning once (a regex is quadratic on many unclosed tags). */
function withoutClosedBlocks(output: string): string {
  const lower = output.toLowerCase();
  let kept = '';
  let at = 0;
  for (;;) {
    const open = lower.indexOf(OPEN, at);
    const close = open < 0 ? -1 : lower.indexOf(CLOSE, open + OPEN.length);
    if (close < 0) return kept + output.slice(at);
    kept += output.slice(at, open);
    at = close + CLOSE.length;
  }
}

export function stripReasoning(output: string): string {
  // A closing tag without its opening one means the server cut the opening off: keep what follows.
  const closed = withoutClosedBlocks(output);
  const lastClose = closed.toLowerCase().lastIndexOf(CLOSE);
  const afterClose = lastClose >= 0 ? closed.slice(lastClose + CLOSE.length) : closed;
  // An unclosed opening tag means the answer never got past its reasoning.
  const open = afterClose.toLowerCase().indexOf(OPEN);
  return open >= 0 ? afterClose.slice(0, open) : afterClose;
}

export function normaliseAnswer(output: string): string {
  return stripReasoning(output)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_-]/g, ' ')
    .replace(/[^\p{L}\p{N}\s']/gu, ' ')
    .replace(/(^|\s)'+|'+(\s|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}
