import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { z } from 'zod';
import { InvalidInputError } from '../../domain/errors.js';
import { parseWith } from '../../domain/validation.js';
import type { Clock } from '../../ports/Clock.js';
import type { Logger } from '../../ports/Logger.js';
import type { RuntimeConfigSource } from '../../ports/RuntimeConfigSource.js';

export interface SsmRuntimeConfigOptions<T> {
  readonly client: SSMClient;
  /** Holds the configuration as a JSON document. */
  readonly parameterName: string;
  /** Usually `RuntimeConfigSchema` (lib/domain/runtimeConfig.ts). */
  readonly schema: z.ZodType<T>;
  /**
   * A check the schema cannot make, e.g. that the strategy loads with its params. A config
   * it throws on is rejected like one the schema rejects: the last good one stays in use.
   */
  readonly check?: (config: T) => Promise<void>;
  /** The deployed configuration, used until the parameter has held a valid value. */
  readonly fallback: T;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long a read value is used before the parameter is read again. @default 5000 */
  readonly cacheMs?: number;
}

/**
 * Configuration an operator changes without a deploy, kept in an SSM parameter. A read
 * never throws: a bad or unreadable value keeps the last good one, or the fallback.
 */
export class SsmRuntimeConfig<T> implements RuntimeConfigSource<T> {
  private readonly cacheMs: number;
  private lastGood?: { readonly config: T; readonly raw: string };
  private readAt?: number;
  private inFlight?: Promise<T>;

  constructor(private readonly options: SsmRuntimeConfigOptions<T>) {
    this.cacheMs = options.cacheMs ?? 5000;
  }

  read(): Promise<T> {
    const now = this.options.clock.now();
    if (this.readAt !== undefined && now - this.readAt < this.cacheMs) return Promise.resolve(this.current());
    // Concurrent readers share one GetParameter call instead of each sending their own.
    this.inFlight ??= this.refresh(now).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async refresh(now: number): Promise<T> {
    const { client, parameterName, schema, logger } = this.options;
    let raw: string | undefined;
    try {
      raw = (await client.send(new GetParameterCommand({ Name: parameterName }))).Parameter?.Value;
    } catch (error) {
      // Not cached, as in SsmKillSwitch: the next read asks again.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.error({ parameterName, reason, using: this.using() }, `runtime config unreadable: using the ${this.using()} config`);
      return this.current();
    }
    this.readAt = now;
    if (this.lastGood && raw === this.lastGood.raw) return this.lastGood.config;
    try {
      const config = parseWith(schema, parseJson(raw ?? '', parameterName), parameterName);
      await this.options.check?.(config);
      this.lastGood = { config, raw: raw ?? '' };
      logger.info({ parameterName }, 'runtime config loaded');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.error({ parameterName, reason, using: this.using() }, `runtime config rejected: using the ${this.using()} config`);
    }
    return this.current();
  }

  private current(): T {
    return this.lastGood?.config ?? this.options.fallback;
  }

  private using(): 'last good' | 'fallback' {
    return this.lastGood ? 'last good' : 'fallback';
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidInputError(source, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
