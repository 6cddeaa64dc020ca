import net from 'node:net';
import tls from 'node:tls';

/**
 * Opens a connection to a URL's host and closes it again (with the TLS handshake for https): whether
 * the server is there, for APIs that offer no request safe to send as a check. Rejects with the
 * socket's error (ECONNREFUSED, ENOTFOUND, a certificate error, ...) or ETIMEDOUT.
 */
export function connectProbe(url: string, options: { signal: AbortSignal; timeoutMs: number }): Promise<void> {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'https:';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(parsed.port || (secure ? 443 : 80));
  return new Promise<void>((resolve, reject) => {
    const socket = secure ? tls.connect({ host, port, servername: net.isIP(host) ? undefined : host }) : net.connect({ host, port });
    const finish = (error?: Error) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () => finish(options.signal.reason instanceof Error ? options.signal.reason : new Error('aborted'));
    const timer = setTimeout(() => finish(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })), options.timeoutMs);
    options.signal.addEventListener('abort', onAbort, { once: true });
    socket.once(secure ? 'secureConnect' : 'connect', () => finish());
    socket.once('error', finish);
  });
}
