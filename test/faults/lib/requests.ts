import type { FakeOpenAIServer } from '../../fixtures/openai-server.js';
import { imageShas } from '../../fixtures/datasets.js';
import type { MemeProject } from './project.js';

/** The sample id of each request the server received from `from` on (by the image it carried). */
export function requestedIds(server: FakeOpenAIServer, project: MemeProject, from = 0): string[] {
  const idOf = imageShas(project.data, Array.from({ length: project.samples }, (_, i) => i));
  return server.requests.slice(from).map((request) => {
    const id = request.imageSha && idOf.get(request.imageSha);
    if (!id) throw new Error(`request ${request.index} carries no image of the dataset`);
    return id;
  });
}

/** Ids that occur more than once. */
export function repeated(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
}
