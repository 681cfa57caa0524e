import { type WriteStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LogLine } from './LocalTelemetry.js';

/**
 * Where the local functions' pino lines go: every line appended to one file (the local
 * CloudWatch Logs), and each parsed line handed to the observers (LocalTelemetry).
 */
export class LocalLog {
  private constructor(
    readonly path: string,
    private readonly file: WriteStream,
    private readonly observers: readonly ((line: LogLine) => void)[],
  ) {}

  static async open(path: string, observers: readonly ((line: LogLine) => void)[]): Promise<LocalLog> {
    await mkdir(dirname(path), { recursive: true });
    return new LocalLog(path, createWriteStream(path, { flags: 'w' }), observers);
  }

  /** pino's destination: one or more whole JSON lines per call. */
  write(chunk: string): void {
    this.file.write(chunk);
    for (const text of chunk.split('\n')) {
      if (text === '') continue;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        continue;
      }
      for (const observe of this.observers) observe(line);
    }
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
