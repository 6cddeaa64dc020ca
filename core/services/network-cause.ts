/** The error code of a network failure, on the error or the error it wraps (ModelError, got's RequestError). */
function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/**
 * Why a connection to a server failed, in the words a user acts on: `connection refused`, `host not
 * found (DNS)`, `TLS: CERT_HAS_EXPIRED`, ... (the error's own message when it has no known code).
 */
export function networkCause(error: unknown): string {
  const code = codeOf(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found (DNS)';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'no answer (timed out)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case undefined:
      return error instanceof Error ? error.message : String(error);
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code)) return `TLS: ${code}`;
  return code;
}
