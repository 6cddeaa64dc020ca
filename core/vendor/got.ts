/**
 * got, as the core's HTTP client (core/services/http.ts) uses it. The build replaces this module's
 * compiled file with a bundle of it (scripts/bundle-vendor.js): got and its dependencies are some 50
 * ES modules, loaded before the first request (the OpenAI-compatible preflight's `GET /models`).
 * Running from the sources, it is plain got.
 */
export { default as got, type Got } from 'got';
