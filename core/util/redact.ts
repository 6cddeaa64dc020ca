/**
 * Removes secrets from text before it reaches a log, an error, a result or a report.
 * Query parameters that carry keys (`key=`, `api_key=`, `token=`, ...) and bearer tokens are always
 * masked; so is every secret value added at run time (keys read from the environment).
 */
const QUERY_SECRET = /([?&](?:key|api_key|apikey|access_token|token|auth|sig|signature)=)[^&#\s"']+/gi;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

export class Redactor {
  readonly #secrets = new Set<string>();

  /** Remembers a secret value so that any later text containing it is masked. */
  add(value: string | undefined): void {
    if (value && value.length >= 4) this.#secrets.add(value);
  }

  redact(text: string): string {
    let out = text.replace(QUERY_SECRET, '$1***').replace(BEARER, '$1***');
    for (const secret of this.#secrets) out = out.split(secret).join('***');
    return out;
  }
}
