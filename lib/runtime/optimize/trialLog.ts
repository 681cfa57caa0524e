import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import type { WindowOutcome } from './evaluateWindow.js';
import type { ParamSet } from './searchSpace.js';

export type TrialStatus = 'done' | 'pruned' | 'failed';

/** One line of `trials.jsonl`: a trial drawn, one of its windows scored, or the trial settled. */
export type TrialLogLine =
  | { readonly kind: 'trial'; readonly id: number; readonly params: ParamSet }
  | { readonly kind: 'window'; readonly id: number; readonly window: number; readonly outcome: WindowOutcome }
  | { readonly kind: 'end'; readonly id: number; readonly status: TrialStatus };

export interface LoggedTrial {
  readonly id: number;
  readonly params: ParamSet;
  readonly windows: (WindowOutcome | undefined)[];
  status?: TrialStatus;
}

/**
 * The search's record, one JSON line appended per event, so a search that is stopped resumes
 * where it stopped: settled trials are kept, an unsettled one continues with the windows it
 * has. A torn last line (the process died mid-write) is ignored.
 */
export class TrialLog {
  constructor(readonly file: string) {}

  async read(): Promise<LoggedTrial[]> {
    if (!existsSync(this.file)) return [];
    const trials = new Map<number, LoggedTrial>();
    const lines = (await readFile(this.file, 'utf8')).split('\n');
    for (const [index, text] of lines.entries()) {
      if (text.trim() === '') continue;
      let line: TrialLogLine;
      try {
        line = JSON.parse(text) as TrialLogLine;
      } catch (error) {
        if (index >= lines.length - 2) break;
        throw new Error(`${this.file}: line ${index + 1} is not JSON (${(error as Error).message})`, { cause: error });
      }
      if (line.kind === 'trial') trials.set(line.id, { id: line.id, params: line.params, windows: [] });
      const trial = trials.get(line.id);
      if (!trial) continue;
      if (line.kind === 'window') trial.windows[line.window] = line.outcome;
      if (line.kind === 'end') trial.status = line.status;
    }
    return [...trials.values()].sort((a, b) => a.id - b.id);
  }

  append(line: TrialLogLine): Promise<void> {
    return appendFile(this.file, `${JSON.stringify(line)}\n`);
  }
}
