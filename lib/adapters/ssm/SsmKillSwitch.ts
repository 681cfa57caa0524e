import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { parseKillSwitch, type KillSwitchState } from '../../domain/killSwitch.js';
import type { Clock } from '../../ports/Clock.js';
import type { KillSwitch, KillSwitchControl } from '../../ports/KillSwitch.js';
import type { Logger } from '../../ports/Logger.js';

export interface SsmKillSwitchOptions {
  readonly client: SSMClient;
  /** Holds RUN, PAUSE_ENTRIES, HALT or FLATTEN. */
  readonly parameterName: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long a read value is used before the parameter is read again. @default 5000 */
  readonly cacheMs?: number;
}

/** The kill switch kept in an SSM parameter. Anything but a known state reads as HALT. */
export class SsmKillSwitch implements KillSwitch, KillSwitchControl {
  private readonly cacheMs: number;
  private cached?: { readonly state: KillSwitchState; readonly readAt: number };
  private inFlight?: Promise<KillSwitchState>;

  constructor(private readonly options: SsmKillSwitchOptions) {
    this.cacheMs = options.cacheMs ?? 5000;
  }

  read(): Promise<KillSwitchState> {
    const now = this.options.clock.now();
    if (this.cached && now - this.cached.readAt < this.cacheMs) return Promise.resolve(this.cached.state);
    // Concurrent readers share one GetParameter call instead of each sending their own.
    this.inFlight ??= this.fetch(now).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Overwrites the parameter (a String, as the stack creates it); the cached value is dropped. */
  async set(state: KillSwitchState): Promise<void> {
    await this.options.client.send(new PutParameterCommand({ Name: this.options.parameterName, Value: state, Type: 'String', Overwrite: true }));
    this.cached = undefined;
  }

  private async fetch(now: number): Promise<KillSwitchState> {
    const { parameterName, client, logger } = this.options;
    let value: string | undefined;
    try {
      const response = await client.send(new GetParameterCommand({ Name: parameterName }));
      value = response.Parameter?.Value;
    } catch (error) {
      // A failed read is not cached: the next read asks again, so a blip halts no longer
      // than it lasts, while an outage keeps every read at HALT.
      logger.error(
        { parameterName, reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) },
        'kill switch unreadable: reading HALT',
      );
      return 'HALT';
    }
    const { state, valid } = parseKillSwitch(value);
    if (!valid) logger.error({ parameterName, value }, `kill switch value ${JSON.stringify(value)} is not a known state: reading HALT`);
    // An unknown value is cached like a known one: reading it again gives the same answer.
    this.cached = { state, readAt: now };
    return state;
  }
}
