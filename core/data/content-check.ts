import { createHash, type Hash } from 'node:crypto';

/** A file as the Hub's tree listing describes it. */
export interface RemoteFile {
  readonly path: string;
  readonly size: number;
  /** sha256 of the content, for files stored with LFS (the listing's `lfs.oid`). */
  readonly sha256?: string;
  /** Git blob id of the content, for files stored in git itself (the listing's `oid`). */
  readonly gitOid?: string;
}

export interface ContentCheck {
  update(chunk: Uint8Array): void;
  /** The mismatch, described, or undefined when the bytes are the ones the listing promised. */
  mismatch(): string | undefined;
}

/**
 * Checks downloaded bytes against the digest the listing gave: sha256 for LFS files, the git blob
 * id (sha1 of `blob <size>\0` + content) for the rest. Without a digest there is nothing to check.
 */
export function contentCheck(file: RemoteFile): ContentCheck {
  let hash: Hash | undefined;
  let expected: string | undefined;
  let name = '';
  if (file.sha256) {
    [hash, expected, name] = [createHash('sha256'), file.sha256, 'sha256'];
  } else if (file.gitOid) {
    [hash, expected, name] = [createHash('sha1').update(`blob ${file.size}\0`), file.gitOid, 'git blob id'];
  }
  return {
    update: (chunk) => void hash?.update(chunk),
    mismatch() {
      if (!hash || !expected) return undefined;
      const actual = hash.digest('hex');
      return actual === expected.toLowerCase() ? undefined : `${name} mismatch (expected ${expected}, got ${actual})`;
    },
  };
}
