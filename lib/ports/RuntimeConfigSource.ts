/** Configuration an operator changes without a deploy; a read never throws (the last good value, or the deployed one). */
export interface RuntimeConfigSource<T> {
  read(): Promise<T>;
}
