import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { TableNames } from '../adapters/dynamodb/tableDefinitions.js';
import { TraderError } from '../domain/errors.js';
import { createBotTables } from './createBotTables.js';
import { type PortReservation, reserveLoopbackPort } from './freePort.js';

export interface DynamoDbLocalOptions {
  /** Tables to create once it answers. */
  readonly tables?: readonly CreateTableCommandInput[];
  /** The bot's tables under these names, from the definitions the stack deploys. */
  readonly botTables?: TableNames;
  /** How long to wait for it to answer, in ms. */
  readonly startTimeoutMs?: number;
  /**
   * false: the caller handles Ctrl-C (the local runtime writes its report first). Java then
   * runs in its own process group, so the terminal's SIGINT reaches only this process, and
   * is still killed when this process exits. @default true: SIGINT and SIGTERM end it at once
   */
  readonly stopOnSignals?: boolean;
  /** Chooses candidate ports (each is then reserved against every other process of ours). @default a free loopback port */
  readonly pickPort?: () => Promise<number>;
}

const JAVA_HINT = 'DynamoDB Local needs Java 17: apt-get install -y openjdk-17-jre-headless';

/** Java is missing or DynamoDB Local would not start: what to install is in the message. */
export class DynamoDbLocalStartError extends TraderError {}

/** Java could not bind its port: something outside our reservations took it first. */
class PortTakenError extends DynamoDbLocalStartError {
  constructor(port: number) {
    super(`DynamoDB Local could not bind 127.0.0.1:${port}: the port was taken`);
  }
}

/** Ports tried before giving up, each freshly reserved. */
const MAX_PORT_ATTEMPTS = 3;

/**
 * Amazon's DynamoDB Local (the jar inside the npm package amplify-dynamodb-simulator),
 * in memory, on a free loopback port. `stop()` ends it; so does this process exiting,
 * so no java process outlives the tests or a Ctrl-C.
 */
export class DynamoDbLocal {
  private constructor(
    readonly endpoint: string,
    private readonly java: ChildProcess,
    private readonly unregister: () => void,
  ) {}

  static async start(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
    for (let attempt = 1; ; attempt++) {
      const reservation = await reserveLoopbackPort(options.pickPort);
      try {
        return await DynamoDbLocal.startOn(reservation, options);
      } catch (error) {
        // Someone outside our reservations took the port before java bound it: another port.
        if (!(error instanceof PortTakenError) || attempt >= MAX_PORT_ATTEMPTS) throw error;
      }
    }
  }

  private static async startOn(reservation: PortReservation, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
    const emulator = join(dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
    const { port } = reservation;
    const java = spawn('java', [`-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`, '-jar', join(emulator, 'DynamoDBLocal.jar'), '-inMemory', '-port', String(port)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: options.stopOnSignals === false,
    });
    let stderr = '';
    java.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
    const failure = new Promise<never>((_, reject) => {
      java.once('error', (error: NodeJS.ErrnoException) => reject(new DynamoDbLocalStartError(error.code === 'ENOENT' ? `java not found. ${JAVA_HINT}` : `${error.message}. ${JAVA_HINT}`)));
      java.once('exit', (code) =>
        reject(/address already in use|BindException|failed to bind/i.test(stderr) ? new PortTakenError(port) : new DynamoDbLocalStartError(`DynamoDB Local exited with code ${code} before it answered. ${JAVA_HINT}`)),
      );
    });
    const unregister = killWithThisProcess(java, options.stopOnSignals ?? true);
    const local = new DynamoDbLocal(`http://127.0.0.1:${port}`, java, () => {
      unregister();
      reservation.release();
    });
    try {
      await Promise.race([local.waitUntilAnswering(options.startTimeoutMs ?? 30_000), failure]);
      const client = local.client();
      for (const table of options.tables ?? []) await client.send(new CreateTableCommand(table));
      if (options.botTables) await createBotTables(client, options.botTables);
      client.destroy();
    } catch (error) {
      await local.stop();
      throw error;
    }
    return local;
  }

  /** A client for this instance; the credentials are placeholders DynamoDB Local accepts. */
  client(): DynamoDBClient {
    return new DynamoDBClient({ endpoint: this.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  }

  get pid(): number | undefined {
    return this.java.pid;
  }

  /** Ends java; its port is released for another instance once java has let go of it. */
  async stop(): Promise<void> {
    if (this.java.exitCode === null && this.java.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.java.once('exit', () => resolve()));
      this.java.kill('SIGTERM');
      const timer = setTimeout(() => this.java.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    this.unregister();
  }

  private async waitUntilAnswering(timeoutMs: number): Promise<void> {
    const client = this.client();
    const deadline = Date.now() + timeoutMs;
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${this.endpoint} within ${timeoutMs} ms`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/**
 * Ends the java process when this one exits, and (onSignals) when it is interrupted: on
 * SIGINT or SIGTERM it kills java, then raises the signal again so the process still ends
 * as it would have. Returns the function that undoes this.
 */
function killWithThisProcess(java: ChildProcess, onSignals: boolean): () => void {
  const onExit = () => java.kill('SIGKILL');
  const onSignal = (signal: NodeJS.Signals) => {
    undo();
    java.kill('SIGKILL');
    process.kill(process.pid, signal);
  };
  const undo = () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.once('exit', onExit);
  if (onSignals) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return undo;
}
