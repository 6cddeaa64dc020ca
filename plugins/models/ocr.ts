import { z, type GenerateRequest, type ModelInstance, type ModelPlugin } from 'mmsoc-bench';
import { OCR_ENGINE, TesseractPool } from './ocr-workers.js';

const ID = 'baseline/ocr';

const ocrOptions = z.strictObject({
  // Each worker is a thread holding its own copy of the model; a few already keep a small machine busy.
  workers: z.int().min(1).max(4).default(1),
});

function firstImage(request: GenerateRequest): Uint8Array {
  for (const message of request.messages) {
    if (typeof message.content === 'string') continue;
    for (const part of message.content) if (part.type === 'image') return part.data;
  }
  throw new Error(`${ID} needs an image; the prompt of sample ${request.sample.id} of ${request.task.id} has none`);
}

/**
 * Reads the text in the image with tesseract (English), fully offline, and answers it as is: the
 * reference point for the OCR task and for what text alone an image gives away.
 */
export const ocrBaseline: ModelPlugin<z.output<typeof ocrOptions>> = {
  id: ID,
  description: 'Answers the text tesseract reads in the image (English, offline)',
  endpoints: 'none',
  supports: (task) => task.kind === 'transcription' || `it transcribes text; ${task.id} is a ${task.kind ?? 'non-transcription'} task`,
  options: (raw) => ocrOptions.parse(raw),
  create(options, context): ModelInstance {
    const pool = new TesseractPool({ workers: options.workers, logger: context.logger });
    return {
      // The worker count changes only speed, never what is read, so it stays out of the identity.
      identity: `${ID}:${OCR_ENGINE}`,
      needsImages: true,
      async generate(request, { signal }) {
        const image = firstImage(request);
        // A recognition cannot be cancelled once queued, so an aborted run must not queue more.
        signal.throwIfAborted();
        const text = await pool.recognise(image);
        return { text: request.task.answer(text.replace(/\s+/g, ' ').trim(), {}) };
      },
      close: () => pool.close(),
    };
  },
};
