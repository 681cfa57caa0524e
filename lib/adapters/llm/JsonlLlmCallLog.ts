import { appendFile } from 'node:fs/promises';
import type { LlmCallLog, LlmCallRecord } from '../../ports/LanguageModel.js';

/** Calls appended to a file, one JSON object a line: what `npm start -- --llm-record FILE` writes and a backtest replays. */
export class JsonlLlmCallLog implements LlmCallLog {
  /** Appends one after another, so lines never interleave. */
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  record(call: LlmCallRecord): Promise<void> {
    const line = `${JSON.stringify(call)}\n`;
    const written = this.tail.then(() => appendFile(this.path, line, 'utf8'));
    this.tail = written.catch(() => undefined);
    return written;
  }
}
