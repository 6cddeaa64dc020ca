/** Where a plugin came from, as `bench list` and error messages name it. */
export interface PluginOrigin {
  readonly kind: 'builtin' | 'config' | 'installed';
  /** Package name or file path as the user wrote it. */
  readonly name: string;
  /** Absolute path of the module that was imported. */
  readonly entry: string;
  readonly version?: string;
}

export function describeOrigin(origin: PluginOrigin): string {
  const version = origin.version ? `@${origin.version}` : '';
  return origin.kind === 'builtin' ? `built-in${version ? ` (mmsoc-bench${version})` : ''}` : `${origin.kind} ${origin.name}${version}`;
}
