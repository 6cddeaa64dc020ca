import { randomBytes } from 'node:crypto';

/** Unique to this process, so no text of a dataset can be mistaken for a placeholder. */
const MARK = `@mmsoc-bytes-${randomBytes(12).toString('hex')}-`;
const MARK_END = '@';

/** Base64 of bytes without copying them first. */
function base64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}

/**
 * A JSON request body whose images are written as base64 bytes around the JSON, not through it.
 * `JSON.stringify` scans every character of a string for escapes, and the HTTP client then encodes
 * the whole text as UTF-8 again: for a 130 kB data URL that is more CPU than all the rest of a request
 * (docs/performance.md). Base64 never needs escaping, so a short placeholder stands for it in the
 * object and `serialise` writes the bytes in its place. The result is byte for byte what
 * `JSON.stringify` of the object with the base64 inlined would give.
 *
 * One instance per request body.
 */
export class JsonBody {
  readonly #payloads: Uint8Array[] = [];

  /** A placeholder for the base64 of `data`, to be used inside any string of the body. */
  base64(data: Uint8Array): string {
    this.#payloads.push(data);
    return `${MARK}${this.#payloads.length - 1}${MARK_END}`;
  }

  /** The JSON text of `value`, as a string when it holds no placeholder, else as UTF-8 bytes. */
  serialise(value: unknown): string | Buffer {
    const json = JSON.stringify(value);
    if (this.#payloads.length === 0) return json;
    const pieces: Array<string | Uint8Array> = [];
    let from = 0;
    for (let at = json.indexOf(MARK); at >= 0; at = json.indexOf(MARK, from)) {
      const end = json.indexOf(MARK_END, at + MARK.length);
      pieces.push(json.slice(from, at), this.#payloads[Number(json.slice(at + MARK.length, end))]!);
      from = end + MARK_END.length;
    }
    pieces.push(json.slice(from));
    const sizes = pieces.map((piece) => (typeof piece === 'string' ? Buffer.byteLength(piece) : 4 * Math.ceil(piece.byteLength / 3)));
    const out = Buffer.allocUnsafe(sizes.reduce((sum, size) => sum + size, 0));
    let offset = 0;
    for (const piece of pieces) {
      // Base64 is ASCII: latin1 copies its characters byte for byte, without UTF-8 encoding.
      offset += typeof piece === 'string' ? out.write(piece, offset) : out.write(base64(piece), offset, 'latin1');
    }
    return out;
  }
}

/** Base64 written into the strings themselves: for a body that is built but not serialised here. */
class InlineJsonBody extends JsonBody {
  override base64(data: Uint8Array): string {
    return base64(data);
  }
}

/** What `body()` gets when its caller passes no JsonBody (a subclass written before it existed). */
export const INLINE_JSON: JsonBody = new InlineJsonBody();
