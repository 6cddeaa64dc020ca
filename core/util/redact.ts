/**
 * Removes secrets from text before it reaches a log, an error, a result or a report.
 * Query parameters that carry keys (`key=`, `api_key=`, `token=`, ...), bearer tokens and the
 * userinfo of URLs (`http://user:pass@host`) are always masked; so is every secret value added at run
 * time (keys read from the environment, header values and URL secrets of the config).
 */
const QUERY_SECRET = /([?&](?:key|api_key|apikey|access_token|token|auth|sig|signature)=)[^&#\s"']+/gi;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
/** Config values shorter than this are not masked in free text (manifests mask them by their place). */
const CONFIG_SECRET_MIN_LENGTH = 8;
const USERINFO = /(\bhttps?:\/\/)[^/?#\s@"']+@/gi;

export class Redactor {
  /** Longest first, so a secret that contains another is masked whole. */
  #secrets: string[] = [];

  /** Remembers a secret value so that any later text containing it is masked. */
  add(value: string | undefined): void {
    if (!value || value.length < 4 || this.#secrets.includes(value)) return;
    this.#secrets = [...this.#secrets, value].sort((a, b) => b.length - a.length);
  }

  /**
   * Remembers a value of the config that may be a secret (a header value). Short values (`json`,
   * `mmsoc`) are no keys, and masking them everywhere would mangle model answers.
   */
  addConfigValue(value: string | undefined): void {
    if (value && value.length >= CONFIG_SECRET_MIN_LENGTH) this.add(value);
  }

  /** Remembers the secrets a URL carries: its userinfo and the values of its query parameters. */
  addUrl(url: string): void {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return;
    }
    for (const part of [parsed.username, parsed.password]) {
      this.addConfigValue(part);
      this.addConfigValue(safeDecode(part));
    }
    for (const raw of parsed.search.slice(1).split('&')) {
      const value = raw.slice(raw.indexOf('=') + 1);
      if (!raw.includes('=')) continue;
      this.addConfigValue(value);
      this.addConfigValue(safeDecode(value.replace(/\+/g, ' ')));
    }
  }

  redact(text: string): string {
    let out = text.replace(QUERY_SECRET, '$1***').replace(BEARER, '$1***').replace(USERINFO, '$1***@');
    for (const secret of this.#secrets) out = out.split(secret).join('***');
    return out;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
