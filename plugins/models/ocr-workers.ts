import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker as Thread } from 'node:worker_threads';
import type Tesseract from 'tesseract.js';
import type { Logger } from 'mmsoc-bench';

// Not named `require`: the build declares that name at the top of every bundled module.
const requireHere = createRequire(import.meta.url);

function packageVersion(name: string): string {
  return (requireHere(`${name}/package.json`) as { version: string }).version;
}

/**
 * The English LSTM model shipped inside @tesseract.js-data/eng. A local folder (not a URL) makes
 * tesseract.js read it from disk; left unset, it would download from a CDN.
 */
const TRAINED_DATA = { package: '@tesseract.js-data/eng', folder: '4.0.0_best_int' } as const;
const LANG_PATH = join(dirname(requireHere.resolve(`${TRAINED_DATA.package}/package.json`)), TRAINED_DATA.folder);

/** What recognition depends on: another engine or model version may read the same image differently. */
export const OCR_ENGINE = `tesseract.js@${packageVersion('tesseract.js')},${TRAINED_DATA.package}@${packageVersion(TRAINED_DATA.package)}/${TRAINED_DATA.folder}`;

/**
 * tesseract.js's terminate() asks its thread to stop but does not wait for it; the thread it runs on is
 * an untyped property of its Worker object, awaited here so that a closed pool holds no thread.
 */
async function terminate(worker: Tesseract.Worker): Promise<void> {
  const thread = (worker as { worker?: unknown }).worker;
  await worker.terminate();
  if (thread instanceof Thread) await thread.terminate();
}

interface Started {
  readonly scheduler: Tesseract.Scheduler;
  readonly workers: readonly Tesseract.Worker[];
}

/**
 * A fixed number of tesseract worker threads, started on first use (a run that never reaches OCR
 * spawns none) and shared by concurrent requests through tesseract's own job queue.
 */
export class TesseractPool {
  private started: Promise<Started> | undefined;

  constructor(private readonly settings: { readonly workers: number; readonly logger: Logger }) {}

  async recognise(image: Uint8Array): Promise<string> {
    const { scheduler } = await (this.started ??= this.start());
    try {
      const result = await scheduler.addJob('recognize', Buffer.from(image.buffer, image.byteOffset, image.byteLength));
      return result.data.text;
    } catch (reason) {
      // tesseract rejects with the worker's message as a bare string ("Error: ..."), not an Error.
      throw reason instanceof Error ? reason : new Error(`tesseract failed: ${String(reason).replace(/^Error: /, '')}`);
    }
  }

  /** Terminates the worker threads; a later `recognise` starts new ones. */
  async close(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    const workers = await started?.then((s) => s.workers).catch(() => []);
    // Not scheduler.terminate(): it neither waits for its workers nor for their threads.
    await Promise.all((workers ?? []).map(terminate));
  }

  private async start(): Promise<Started> {
    // tesseract.js loads with the pool's first image: the built-in plugins are all registered at start-up.
    const { default: Tesseract } = await import('tesseract.js');
    const options: Partial<Tesseract.WorkerOptions> = {
      langPath: LANG_PATH,
      gzip: true,
      // tesseract's own cache is not safe to share: workers (or sharded runs) starting together read
      // each other's half-written file, and an empty one crashes tesseract.js inside a message
      // listener. The model is on local disk already; reading it costs a gunzip of 5 MB per worker.
      cacheMethod: 'none',
      // Without a handler tesseract.js throws a worker's error from its message listener, an uncaught
      // exception that kills the process; the failing call's own promise is rejected either way.
      errorHandler: (error: unknown) => this.settings.logger.debug(`baseline/ocr: tesseract reported ${String(error)}`),
    };
    const created = await Promise.allSettled(
      Array.from({ length: this.settings.workers }, () => Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, options)),
    );
    const workers = created.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const failure = created.find((outcome) => outcome.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map(terminate));
      throw new Error(`baseline/ocr could not start tesseract: ${String(failure.reason)}`, { cause: failure.reason });
    }
    const scheduler = Tesseract.createScheduler();
    for (const worker of workers) scheduler.addWorker(worker);
    return { scheduler, workers };
  }
}
