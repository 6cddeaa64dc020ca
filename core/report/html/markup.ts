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
