/** Escapes text for HTML and SVG content and attribute values. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

/** Coordinates to a tenth of a pixel: enough for the eye, and the markup stays short. */
function attributeValue(value: string | number): string {
  return typeof value === 'number' ? String(Math.round(value * 10) / 10) : escapeMarkup(value);
}

/**
 * One element with escaped attributes (undefined ones left out) around already-built children. Text
 * children must be escaped by the caller with `escapeMarkup`.
 */
export function element(name: string, attributes: Attributes, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${attributeValue(value)}"`)
    .join('');
  return `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** An element with text content. */
export function text(name: string, attributes: Attributes, content: string): string {
  return element(name, attributes, escapeMarkup(content));
}

/**
 * A whole self-contained page. Its Content-Security-Policy lets nothing leave it: no fetch, no remote
 * image, style, script or font; inline styles always, inline scripts and data: images when asked.
 */
export function htmlDocument(page: { title: string; css: string; body: readonly string[]; scripts?: boolean; images?: boolean }): string {
  const policy = [
    "default-src 'none'",
    ...(page.images ? ['img-src data:'] : []),
    "style-src 'unsafe-inline'",
    ...(page.scripts ? ["script-src 'unsafe-inline'"] : []),
  ].join('; ');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(page.title)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${page.css}</style>`,
    '</head>',
    '<body>',
    ...page.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
