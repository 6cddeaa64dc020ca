/**
 * Sorts a failed Data API call into what the crawl does next. Reasons are the `error.errors[].reason`
 * values the API documents (gaxios exposes them as `err.cause.errors`).
 */
export type ApiFailure =
  /** The project's daily quota is spent: stop, resume after midnight Pacific. */
  | { readonly kind: 'quota'; readonly reason: 'quotaExceeded' | 'dailyLimitExceeded'; readonly message: string }
  /** Worth another attempt after a pause. */
  | { readonly kind: 'transient'; readonly reason: string; readonly message: string; readonly retryAfterMs?: number }
  /** The key or project is unusable: the user must fix the configuration. */
  | { readonly kind: 'config'; readonly reason: string; readonly message: string }
  /** Only this request's item is affected (not found, forbidden, invalid parameter): skip and record it. */
  | { readonly kind: 'item'; readonly reason: string; readonly status?: number; readonly message: string }
  | { readonly kind: 'aborted'; readonly reason: 'aborted'; readonly message: string };

const QUOTA = new Set(['quotaExceeded', 'dailyLimitExceeded', 'dailyLimitExceededUnreg']);
const TRANSIENT = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'backendError', 'internalError']);
const CONFIG = new Set([
  'keyInvalid',
  'keyExpired',
  'API_KEY_INVALID',
  'API_KEY_SERVICE_BLOCKED',
  'accessNotConfigured',
  'SERVICE_DISABLED',
  'ipRefererBlocked',
  'API_KEY_HTTP_REFERRER_BLOCKED',
  'API_KEY_IP_ADDRESS_BLOCKED',
]);

interface ErrorLike {
  readonly name?: string;
  readonly code?: string | number;
  readonly status?: number;
  readonly message?: string;
  readonly cause?: { readonly errors?: readonly { readonly reason?: string }[] };
  readonly response?: {
    readonly status?: number;
    readonly headers?: unknown;
    readonly data?: {
      readonly error?: {
        readonly errors?: readonly { readonly reason?: string }[];
        readonly details?: readonly { readonly reason?: string }[];
      };
    };
  };
}

export function classifyApiError(err: unknown, signal?: AbortSignal): ApiFailure {
  const e = (err ?? {}) as ErrorLike;
  const message = e.message ?? String(err);
  if (signal?.aborted || e.name === 'AbortError' || e.code === 'AbortError') {
    return { kind: 'aborted', reason: 'aborted', message };
  }
  const status = e.status ?? e.response?.status;
  const reason = reasonOf(e);
  if (status !== undefined && !reason) {
    // Every refusal of the Data API is a JSON error naming its reason; a status without one (a proxy's or load
    // balancer's HTML page, a cut-off body) says nothing about the request, so it is worth another attempt.
    // Its body is described, not quoted: it may be a whole page, echoing the request URL.
    return {
      kind: 'transient',
      reason: `http${status}`,
      message: `HTTP ${status} without a Data API error (${describeBody(e.response)})`,
      ...retryAfterOf(e),
    };
  }
  if (reason && QUOTA.has(reason)) {
    return { kind: 'quota', reason: reason === 'quotaExceeded' ? 'quotaExceeded' : 'dailyLimitExceeded', message };
  }
  if (reason && CONFIG.has(reason)) return { kind: 'config', reason, message };
  if ((reason && TRANSIENT.has(reason)) || status === undefined || status === 408 || status === 429 || status >= 500) {
    return { kind: 'transient', reason: reason ?? (status === undefined ? String(e.code ?? 'network') : `http${status}`), message, ...retryAfterOf(e) };
  }
  return { kind: 'item', reason: reason ?? `http${status}`, status, message };
}

function reasonOf(e: ErrorLike): string | undefined {
  return (
    e.cause?.errors?.[0]?.reason ??
    e.response?.data?.error?.errors?.[0]?.reason ??
    e.response?.data?.error?.details?.find((d) => d.reason)?.reason
  );
}

/** `text/html, 1234 bytes`: what came instead of an API error, without quoting it (it may echo the URL). */
function describeBody(response: { readonly headers?: unknown; readonly data?: unknown } | undefined): string {
  const data = response?.data;
  const type = header(response?.headers, 'content-type')?.split(';')[0] ?? 'no content type';
  const size = typeof data === 'string' ? `${Buffer.byteLength(data)} bytes` : data === undefined || data === '' ? 'empty' : 'JSON';
  return `${type}, ${size}`;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const value =
    typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(name)
      : (headers as Record<string, string | undefined>)[name];
  return value ?? undefined;
}

/** `Retry-After` in seconds (the form Google APIs send), from a fetch Headers object or a plain record. */
function retryAfterOf(e: ErrorLike): { retryAfterMs?: number } {
  const value = header(e.response?.headers, 'retry-after');
  const seconds = Number(value);
  return value && Number.isFinite(seconds) ? { retryAfterMs: Math.max(0, seconds * 1000) } : {};
}
