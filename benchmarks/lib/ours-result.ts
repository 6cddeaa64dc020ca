/** What benchmarks/lib/ours-child.js reports (it is JavaScript, so its types live here). */

/** The state of this process at one moment; cpuMs counts from the process's start. */
export interface Mark {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  /** Buffers and other memory outside the V8 heap (image bytes live here). */
  readonly externalMiB: number;
  /** The kernel's high-water mark of the resident set so far. */
  readonly maxRssMiB: number;
}

export interface OursResult {
  readonly exitCode: number;
  readonly runDir: string;
  /** Records the evaluation produced (one per sample). */
  readonly records: number;
  /** After the core's modules are loaded, before the command runs. */
  readonly loaded: Mark;
  readonly evalStart: Mark;
  readonly evalEnd: Mark;
  readonly end: Mark;
  /** Taken every `--memory-every` records during the evaluation (none without the option). */
  readonly samples: readonly (Mark & { readonly records: number })[];
}
