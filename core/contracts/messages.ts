/**
 * Chat messages as tasks build them. Images stay references until the scheduler has granted a slot:
 * the core loads and encodes them only then, so memory follows concurrency, not dataset size.
 */
export interface ImageSource {
  /** Stable identity of the image (file path, row key); used in logs and cache keys. */
  readonly ref: string;
  /** Reads the encoded image (PNG, JPEG, ...). Called once the sample is admitted, just ahead of its request, never for all samples up front. */
  read(): Promise<Uint8Array>;
}

export type ContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly image: ImageSource };

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string | readonly ContentPart[];
}

/** A content part after the core has read the image: what model adapters receive. */
export type ResolvedContentPart =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'image'; readonly mime: string; readonly data: Uint8Array; readonly ref: string; /** sha256 (hex) of `data` */ readonly digest: string };

export interface ResolvedChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string | readonly ResolvedContentPart[];
}
