/**
 * The container's tokens, in a module of their own so that commands can name services without
 * importing the container (and everything it binds) until they run. Explicit tokens: the TS loaders
 * used at run time emit no decorator metadata.
 */
export const TOKENS = {
  Clock: Symbol.for('mmsoc.Clock'),
  Logger: Symbol.for('mmsoc.Logger'),
  Http: Symbol.for('mmsoc.Http'),
  Env: Symbol.for('mmsoc.Env'),
  Redactor: Symbol.for('mmsoc.Redactor'),
  RunStore: Symbol.for('mmsoc.RunStore'),
  Progress: Symbol.for('mmsoc.Progress'),
  Output: Symbol.for('mmsoc.Output'),
  ConfigLoader: Symbol.for('mmsoc.ConfigLoader'),
  PluginLoader: Symbol.for('mmsoc.PluginLoader'),
  Scheduler: Symbol.for('mmsoc.Scheduler'),
  Reporter: Symbol.for('mmsoc.Reporter'),
  Images: Symbol.for('mmsoc.Images'),
  Transport: Symbol.for('mmsoc.Transport'),
  Merger: Symbol.for('mmsoc.Merger'),
  Evaluator: Symbol.for('mmsoc.Evaluator'),
} as const;

/** Where results go (stdout by default); tests bind a buffer. */
export type Output = (text: string) => void;
