import type { ModelError } from '../contracts/model.js';
import { networkCause } from '../services/network-cause.js';

/** A failed attempt in a few words, for the progress line: `connection refused`, `HTTP 503`, `no answer within 120000 ms`. */
export function failureCause(error: ModelError): string {
  switch (error.kind) {
    case 'http':
      return `HTTP ${error.status ?? '?'}`;
    case 'network':
      return error.cause === undefined ? error.message : networkCause(error.cause);
    case 'timeout':
      return error.message;
    case 'malformed':
      return 'unreadable answer';
  }
}
