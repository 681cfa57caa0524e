/**
 * A store of whole objects by key (S3 in AWS, a directory locally). Writing a key again
 * replaces it, so a writer that derives its keys from its input is idempotent.
 */
export interface ObjectStore {
  /** The object's bytes; undefined when there is no object under the key. */
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  has(key: string): Promise<boolean>;
  /** The keys that start with `prefix`, in no promised order. */
  list(prefix: string): Promise<string[]>;
  /** A name for messages: `s3://bucket` or the directory. */
  readonly location: string;
}
