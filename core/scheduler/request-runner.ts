import { ModelError } from '../contracts/model.js';
import type { Clock } from '../services/clock.js';
import { EndpointsDown, type AttemptOutcome as EndpointOutcome, type Lease } from './endpoint-pool.js';
import { failureCause } from './failure-cause.js';
import { backoffDelayMs, isBackPressure, isRetryable, retryDelayMs, type RequestPolicy } from './retry-policy.js';

export interface AttemptOutcome<T> {
  readonly value: T;
  readonly attempts: number;
  /** From the first attempt's start (its slot granted) to the answer, backoffs included. */
  readonly latencyMs: number;
}

/** Raised when the run is being interrupted: the sample is left for the next run, not recorded. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** A failure after every allowed attempt, with how many were made. */
export class AttemptsExhausted extends Error {
  constructor(
    readonly last: unknown,
    readonly attempts: number,
    /** As AttemptOutcome.latencyMs, to the last failure. */
    readonly latencyMs: number,
  ) {
    super(last instanceof Error ? last.message : String(last), { cause: last });
    this.name = 'AttemptsExhausted';
  }
}

/**
 * The call's result, or its signal's reason as soon as the signal aborts, so that a call that ignores
 * its signal (a plugin bug) cannot hold a slot past its timeout.
 */
function untilAborted<T>(call: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    // Handlers go on the call first, so its own rejection is never left unhandled.
    call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** What a failed attempt says about the endpoint that made it. */
export function endpointOutcome(error: unknown): EndpointOutcome {
  if (error instanceof Interrupted) return { kind: 'cancelled' };
  if (!(error instanceof ModelError)) return { kind: 'rejected' };
  if (error.kind !== 'http') return { kind: 'failed', cause: failureCause(error) };
  if (isBackPressure(error)) return { kind: 'throttled' };
  return isRetryable(error) ? { kind: 'failed', cause: failureCause(error) } : { kind: 'rejected' };
}

/**
 * Shared by the requests of one model. A request that has waited its whole back-pressure budget marks
 * the server as refusing; until the server answers one again, the others give up at their next
 * refusal instead of each waiting a budget of its own, so a server that refuses everything ends the
 * run after about one budget, not one per batch of samples.
 */
export class Overload {
  refusing = false;
}

function overloaded(error: ModelError, waitedMs: number): ModelError {
  return new ModelError(`${error.message} (still refused after ${Math.round(waitedMs / 1000)} s of back-pressure waits)`, {
    kind: 'http',
    ...(error.status !== undefined ? { status: error.status } : {}),
    cause: error,
  });
}

/**
 * Runs one request with a per-attempt timeout and the retry policy. Each attempt takes a slot from
 * `acquire` (so a retry may go to another endpoint, and a sample backing off holds no slot) and tells
 * the slot how it ended. Timeouts become ModelError('timeout') and are retried. Back-pressure (429,
 * 503 with Retry-After) is waited out without using the retries, up to `policy.backPressureMs`.
 *
 * `stop` (the first Ctrl-C) ends waiting, for a slot or a backoff, and starts no new attempt; an
 * attempt in flight is left to finish, so the answer the server is computing is kept, not asked again
 * by the next run. (A second Ctrl-C ends the process.)
 */
export async function runWithRetries<T>(
  call: (endpoint: string | undefined, signal: AbortSignal) => Promise<T>,
  options: {
    policy: RequestPolicy;
    timeoutMs: number;
    clock: Clock;
    random: () => number;
    stop: AbortSignal;
    /** `retry` is true for every attempt after the first. */
    acquire: (signal: AbortSignal, retry: boolean) => Promise<Lease>;
    overload?: Overload;
  },
): Promise<AttemptOutcome<T>> {
  const { policy, timeoutMs, clock, random, stop } = options;
  const overload = options.overload ?? new Overload();
  // Not counted from the call: time spent waiting for a first slot is the client's queue, not the server's.
  let firstStarted: number | undefined;
  let failures = 0;
  let refusals = 0;
  let waitedMs = 0;
  for (let attempt = 0; ; attempt++) {
    if (stop.aborted) throw new Interrupted();
    let lease: Lease;
    try {
      lease = await options.acquire(stop, attempt > 0);
    } catch (error) {
      if (error instanceof EndpointsDown) throw error;
      throw new Interrupted();
    }
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new ModelError(`no answer within ${timeoutMs} ms`, { kind: 'timeout' })),
      timeoutMs,
    );
    const started = performance.now();
    firstStarted ??= started;
    let error: unknown;
    try {
      const value = await untilAborted(call(lease.endpoint, controller.signal), controller.signal);
      const ended = performance.now();
      lease.release({ kind: 'ok', latencyMs: ended - started });
      overload.refusing = false;
      return { value, attempts: attempt + 1, latencyMs: ended - firstStarted };
    } catch (thrown) {
      // An aborted request surfaces as the HTTP client's own abort error; the reason says why.
      error = controller.signal.aborted ? controller.signal.reason : thrown;
      lease.release(endpointOutcome(error));
    } finally {
      clearTimeout(timer);
    }
    const exhausted = (last: unknown) => new AttemptsExhausted(last, attempt + 1, performance.now() - firstStarted!);
    let delayMs: number;
    if (isBackPressure(error)) {
      delayMs = backoffDelayMs(refusals++, policy, random, error.retryAfterMs);
      if (overload.refusing || waitedMs + delayMs > policy.backPressureMs) {
        overload.refusing = true;
        throw exhausted(overloaded(error, waitedMs));
      }
      waitedMs += delayMs;
    } else {
      if (!isRetryable(error) || failures >= policy.retries) throw exhausted(error);
      delayMs = retryDelayMs(error, failures++, policy, random);
    }
    // After the first Ctrl-C an attempt to be retried is left for the next run, not recorded.
    if (stop.aborted) throw new Interrupted();
    try {
      await clock.sleep(delayMs, stop);
    } catch {
      throw new Interrupted();
    }
  }
}
