import { defineImageTask, stripReasoning, z } from 'mmsoc-bench';

/**
 * Free-text tasks on the news images of PolitiFact / GossipCop. The Hub data has no reference texts:
 * when a row has one in `referenceColumn`, ROUGE-L and BLEU score against it; otherwise the gold is
 * null and those metrics leave the sample out. A judge model (`tasks.<key>.judge` in the config) grades
 * every answer 1-5 with the task's rubric. Every answer that is not empty is valid.
 */
const options = z.strictObject({ referenceColumn: z.string().min(1).optional() });
type Options = z.output<typeof options>;

function generationTask(spec: { id: string; description: string; prompt: string; referenceColumn: string; rubric: string }) {
  return defineImageTask<string | null, Options>({
    id: spec.id,
    version: '1',
    description: spec.description,
    dataset: { hub: 'Ahren09/MMSoc_PolitiFact', path: 'data/samples/MMSoc_PolitiFact' },
    splits: { eval: 'test', train: 'train' },
    kind: 'generation',
    metrics: ['rouge-l', 'bleu', 'judge-score', 'valid-rate'],
    rubric: spec.rubric,
    options,
    gold(row, o) {
      const reference = row[o.referenceColumn ?? spec.referenceColumn];
      return typeof reference === 'string' && reference.trim() ? reference.trim() : null;
    },
    question: () => spec.prompt,
    parse(output) {
      const text = stripReasoning(output).trim();
      return { value: text, valid: text.length > 0 };
    },
    answer: (gold) => gold ?? '',
  });
}

export const imageDescription = generationTask({
  id: 'image-description',
  description: 'PolitiFact images: describe the scene (ROUGE-L / BLEU where references exist)',
  prompt: 'Describe the scene, such as its major subjects, colors, and texture.',
  referenceColumn: 'reference_description',
  rubric: 'The answer names the major subjects, colours and textures actually visible in the image, and invents nothing that is not there.',
});

export const socialContext = generationTask({
  id: 'social-context',
  description: 'PolitiFact images: describe their cultural and social context (ROUGE-L / BLEU where references exist)',
  prompt: 'Describe the cultural and social context of the image.',
  referenceColumn: 'reference_social_context',
  rubric: 'The answer describes a cultural and social setting that the image plausibly shows (event, place, people, symbols), specifically and without claims the image does not support.',
});
