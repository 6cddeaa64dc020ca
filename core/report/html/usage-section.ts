import type { PredictionRecord } from '../../contracts/metric.js';
import { histogram } from './histogram.js';
import { element, text } from './markup.js';
import { modelColour } from './palette.js';
import type { PairRecords } from './report-data.js';

const numbers = (records: readonly PredictionRecord[], pick: (r: PredictionRecord) => number | undefined) =>
  records.map(pick).filter((n): n is number => typeof n === 'number' && Number.isFinite(n));

/**
 * Per model, over every task's answered samples: latency and, when the server reported usage, prompt
 * and completion tokens.
 */
export function usageSection(models: readonly string[], pairs: readonly PairRecords[]): string {
  const rows = models.map((model, m) => {
    const answered = pairs.filter((p) => p.model === model).flatMap((p) => p.records.filter((r) => r.error === null && !r.skipped));
    const options = (unit: string) => ({ colour: modelColour(m), unit });
    const promptTokens = numbers(answered, (r) => r.usage?.promptTokens);
    const completionTokens = numbers(answered, (r) => r.usage?.completionTokens);
    return element(
      'div',
      { class: 'model-usage' },
      text('h3', {}, model),
      element(
        'div',
        { class: 'charts' },
        histogram('Latency', numbers(answered, (r) => r.latencyMs), options('ms')),
        promptTokens.length ? histogram('Prompt tokens', promptTokens, options('tokens')) : '',
        completionTokens.length ? histogram('Completion tokens', completionTokens, options('tokens')) : '',
        promptTokens.length || completionTokens.length ? '' : text('p', { class: 'note' }, 'No token usage reported.'),
      ),
    );
  });
  return element('section', { id: 'usage' }, text('h2', {}, 'Latency and tokens'), ...rows);
}
