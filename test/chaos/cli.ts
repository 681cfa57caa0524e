import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { synthesizeReconcileAsl } from '../../cdk/reconcileAsl.js';
import { tableNamesWithPrefix } from '../../lib/adapters/dynamodb/tableDefinitions.js';
import { InvalidInputError } from '../../lib/domain/errors.js';
import { createBotTables } from '../../lib/local/createBotTables.js';
import { DynamoDbLocal } from '../../lib/local/DynamoDbLocal.js';
import '../../lib/local/promiseWithResolvers.js';
import { CHAOS_USAGE, parseChaosArgs } from './chaosArgs.js';
import { runChaos } from './runChaos.js';

/**
 * `npm run chaos -- --runs N --seed S`: N seeded chaos runs on one DynamoDB Local; one JSON
 * line on stdout at the end, {"runs","faults","violations","seed"}; exit 1 when any
 * invariant broke (each named on stderr with the seed that replays it), 2 on a bad argument.
 */
async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseChaosArgs(argv, () => randomInt(0, 2 ** 31));
  } catch (error) {
    if (!(error instanceof InvalidInputError) && !(error instanceof TypeError)) throw error;
    process.stderr.write(`${error.message}\n${CHAOS_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${CHAOS_USAGE}\n`);
    return 0;
  }
  process.stderr.write(`chaos: ${args.runs} runs from seed ${args.seed}, ${args.minutes} simulated minutes of faults each\n`);
  const dynamo = await DynamoDbLocal.start();
  try {
    const client = dynamo.client();
    let tableSet = 0;
    const environment = {
      dynamoEndpoint: dynamo.endpoint,
      logDir: dirname(args.out),
      reconcileAsl: synthesizeReconcileAsl() as unknown as StateMachineDefinition,
      tables: async () => {
        const names = tableNamesWithPrefix(`chaos${(tableSet += 1)}`);
        await createBotTables(client, names);
        return names;
      },
    };
    await mkdir(dirname(args.out), { recursive: true });
    const { summary, results } = await runChaos(args, environment, (line) => process.stderr.write(`${line}\n`));
    await writeFile(args.out, `${JSON.stringify({ summary, results }, null, 2)}\n`);
    process.stderr.write(`details: ${args.out}\n`);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    client.destroy();
    return summary.violations > 0 ? 1 : 0;
  } finally {
    await dynamo.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
