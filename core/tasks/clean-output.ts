/**
 * Normalises a model's raw answer before label matching: reasoning blocks removed, markdown and
 * quotes stripped, lower-cased, `_` and `-` read as spaces, punctuation dropped, spaces collapsed.
 */
export function stripReasoning(output: string): string {
  // A closing tag without its opening one means the server cut the opening off: keep what follows.
  const closed = output.replace(/<think>[\s\S]*?<\/think>/gi, '');
  const lastClose = closed.toLowerCase().lastIndexOf('</think>');
  const afterClose = lastClose >= 0 ? closed.slice(lastClose + '</think>'.length) : closed;
  // An unclosed opening tag means the answer never got past its reasoning.
  const open = afterClose.toLowerCase().indexOf('<think>');
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
