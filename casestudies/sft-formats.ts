import { join } from 'node:path';
import { jsonArrayWriter, jsonLinesWriter, type ItemWriter } from './json-writers.js';

/** A prompt part of a training example: text, or an image saved in the export folder. */
export type ExamplePart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly path: string; readonly mime: string; readonly data: Uint8Array };

/** One instruction-tuning example: what the task asks (in order), and the answer to learn. */
export interface SftExample {
  readonly id: string;
  readonly parts: readonly ExamplePart[];
  readonly target: string;
}

export const SFT_FORMATS = ['llava', 'sharegpt', 'openai'] as const;
export type SftFormat = (typeof SFT_FORMATS)[number];

const imagesOf = (example: SftExample) => example.parts.flatMap((p) => (p.type === 'image' ? [p.path] : []));

/** The question as one user turn: the prompt's text parts, one per line, after one `<image>` token per image. */
function humanTurn(example: SftExample): string {
  const question = example.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n');
  return '<image>\n'.repeat(imagesOf(example).length) + question;
}

function conversations(example: SftExample) {
  return [
    { from: 'human', value: humanTurn(example) },
    { from: 'gpt', value: example.target },
  ];
}

/** LLaVA's instruction data: `image` relative to the trainer's `--image_folder` (the export folder). */
function llavaItem(example: SftExample): unknown {
  const images = imagesOf(example);
  const image = images.length === 0 ? {} : { image: images.length === 1 ? images[0] : images };
  return { id: example.id, ...image, conversations: conversations(example) };
}

/** ShareGPT as LLaMA-Factory reads it (dataset_info.json below), images relative to its dataset_dir. */
function sharegptItem(example: SftExample): unknown {
  return { conversations: conversations(example), images: imagesOf(example) };
}

/**
 * OpenAI chat fine-tuning lines: the prompt's parts in their order, images as data URLs (the form
 * OpenAI's vision fine-tuning accepts, and self-contained: the file needs no image folder).
 */
function openaiItem(example: SftExample): unknown {
  const content = example.parts.map((part) =>
    part.type === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image_url', image_url: { url: `data:${part.mime};base64,${Buffer.from(part.data).toString('base64')}` } },
  );
  return { messages: [{ role: 'user', content }, { role: 'assistant', content: example.target }] };
}

const FORMATS: Readonly<Record<SftFormat, { readonly file: string; readonly writer: typeof jsonArrayWriter; item(example: SftExample): unknown }>> = {
  llava: { file: 'llava.json', writer: jsonArrayWriter, item: llavaItem },
  sharegpt: { file: 'sharegpt.json', writer: jsonArrayWriter, item: sharegptItem },
  openai: { file: 'openai.jsonl', writer: jsonLinesWriter, item: openaiItem },
};

export function formatFile(format: SftFormat): string {
  return FORMATS[format].file;
}

/** The dataset name under which LLaMA-Factory finds the ShareGPT file (`dataset: mmsoc_sft`). */
const LLAMA_FACTORY_DATASET = 'mmsoc_sft';

/** LLaMA-Factory's description of the ShareGPT file, so the export folder can be its `dataset_dir`. */
export function llamaFactoryDatasetInfo(): unknown {
  return {
    [LLAMA_FACTORY_DATASET]: {
      file_name: FORMATS.sharegpt.file,
      formatting: 'sharegpt',
      columns: { messages: 'conversations', images: 'images' },
    },
  };
}

/** Writes every example to each chosen format's file as it comes. */
export class SftWriters {
  readonly #writers: Array<{ writer: ItemWriter; item: (example: SftExample) => unknown }>;

  constructor(outDir: string, formats: readonly SftFormat[], redact: (text: string) => string) {
    this.#writers = formats.map((format) => ({ writer: FORMATS[format].writer(join(outDir, FORMATS[format].file), redact), item: FORMATS[format].item }));
  }

  write(example: SftExample): void {
    for (const { writer, item } of this.#writers) writer.write(item(example));
  }

  finish(): void {
    for (const { writer } of this.#writers) writer.finish();
  }
}
