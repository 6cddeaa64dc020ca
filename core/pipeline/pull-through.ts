import { Observable } from 'rxjs';
import type { Admission } from '../scheduler/admission.js';

/**
 * Runs `work` over the items of an async iterable, pulling the next item only once `admission` has a
 * free place. At most `admission.capacity` items are held at once, whatever the dataset size: this is
 * what `from(iterable).pipe(mergeMap(work, n))` does not give, since `from` drains the iterable into
 * mergeMap's buffer as fast as it can.
 *
 * Emits each defined result; completes once the iterable is exhausted (or `stop` fires) and every
 * started item has finished.
 */
export function pullThrough<T, R>(
  items: AsyncIterable<T>,
  admission: Admission,
  stop: AbortSignal,
  work: (item: T) => Promise<R | undefined>,
): Observable<R> {
  return new Observable<R>((subscriber) => {
    const iterator = items[Symbol.asyncIterator]();
    let active = 0;
    let pulling = true;
    let closed = false;
    const settle = () => {
      if (!pulling && active === 0 && !closed) {
        closed = true;
        subscriber.complete();
      }
    };
    const fail = (error: unknown) => {
      if (closed) return;
      closed = true;
      pulling = false;
      subscriber.error(error);
    };
    void (async () => {
      try {
        while (pulling && !stop.aborted) {
          let release: () => void;
          try {
            release = await admission.acquire(stop);
          } catch {
            break;
          }
          let next: IteratorResult<T>;
          try {
            next = await iterator.next();
          } catch (error) {
            release();
            throw error;
          }
          if (next.done || closed) {
            release();
            break;
          }
          active++;
          work(next.value)
            .then((result) => {
              if (result !== undefined && !closed) subscriber.next(result);
            }, fail)
            .finally(() => {
              release();
              active--;
              settle();
            });
        }
      } catch (error) {
        fail(error);
        return;
      }
      pulling = false;
      settle();
    })();
    return () => {
      pulling = false;
      closed = true;
      void iterator.return?.();
    };
  });
}
