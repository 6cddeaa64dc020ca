import type { Redactor } from '../util/redact.js';
import type { BenchConfig } from './schema.js';

const MASK = '***';

/** The endpoint URLs of a model entry (`endpoint` or `endpoints`). */
function endpointsOf(model: Readonly<Record<string, unknown>>): string[] {
  const list = Array.isArray(model.endpoints) ? model.endpoints : [model.endpoint];
  return list.filter((url): url is string => typeof url === 'string');
}

function headerValues(model: Readonly<Record<string, unknown>>): string[] {
  const headers = model.headers;
  if (!headers || typeof headers !== 'object') return [];
  return Object.values(headers).filter((value): value is string => typeof value === 'string');
}

/**
 * Tells the redactor every secret a config can carry besides environment keys (which plugins register
 * through `context.secret`): header values of models (`'X-Api-Key': process.env.KEY`), and the
 * userinfo and query parameters of endpoint URLs (`http://user:pass@host/v1?api_key=...`).
 */
export function registerConfigSecrets(config: BenchConfig, redactor: Redactor): void {
  for (const model of Object.values(config.models)) {
    for (const url of endpointsOf(model)) redactor.addUrl(url);
    for (const value of headerValues(model)) redactor.addConfigValue(value);
  }
}

/** An endpoint with its userinfo and query values masked; URLs without them are kept as written. */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.username && !parsed.password && !parsed.search) return url;
  if (parsed.username) parsed.username = MASK;
  if (parsed.password) parsed.password = MASK;
  for (const key of new Set(parsed.searchParams.keys())) parsed.searchParams.set(key, MASK);
  return parsed.toString();
}

function redactStrings(value: unknown, redactor: Redactor): unknown {
  if (typeof value === 'string') return redactor.redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, redactor));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, redactor)]));
  }
  return value;
}

/**
 * The config as run manifests record it: endpoints' userinfo and query values and every header value
 * masked whatever their length, then any other string holding a known secret.
 */
export function redactedConfig(config: BenchConfig, redactor: Redactor): unknown {
  const models = Object.fromEntries(
    Object.entries(config.models).map(([name, model]) => {
      const masked: Record<string, unknown> = { ...model };
      if (typeof model.endpoint === 'string') masked.endpoint = maskUrl(model.endpoint);
      if (Array.isArray(model.endpoints)) masked.endpoints = model.endpoints.map(maskUrl);
      if (model.headers && typeof model.headers === 'object') {
        masked.headers = Object.fromEntries(Object.keys(model.headers).map((key) => [key, MASK]));
      }
      return [name, masked];
    }),
  );
  return redactStrings({ ...config, models }, redactor);
}
