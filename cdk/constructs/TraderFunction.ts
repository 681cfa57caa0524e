import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLING_ALIASES, TRAINER_BUNDLING_ALIASES } from '../bundling/bundlingAliases.js';
import { MODEL_RUNTIME_EXTERNALS, modelRuntimeCopyCommands } from '../bundling/modelRuntimeFiles.js';
import { UNLOADABLE_CCXT_MODULES } from '../bundling/unloadableCcxtModules.js';

export interface TraderFunctionProps {
  /** The handler file, e.g. `functions/decide.ts`; it exports `handler`. */
  readonly entry: string;
  /** The one ccxt exchange the bundle carries (see lib/adapters/ccxt/loadExchangeClass.ts). */
  readonly ccxtExchangeId: string;
  readonly environment: Readonly<Record<string, string>>;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  readonly description?: string;
  /** Copies the model runtime (onnxruntime-node, linux-arm64) and models/ into the asset; see cdk/bundling/modelRuntimeFiles.ts. */
  readonly withModelRuntime?: boolean;
  /** Bundles the real protobufjs, which the trainer's ONNX writer needs (retrain), instead of the stub. */
  readonly withTrainer?: boolean;
}

// ESM bundles have no `require`; some CommonJS dependencies bundled into them still call it.
const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * One of the bot's Lambda functions: arm64 on Node.js 24, bundled locally by esbuild into
 * a minified ESM file with source maps. The AWS SDK is bundled too, the Bedrock client
 * included (not taken from the runtime), so the deployed SDK is the version the tests ran
 * against, and the clients share one copy of the SDK's core and one credential chain
 * (a runtime-provided client loads its own unbundled copy at init). ccxt's exchange
 * loader sees `process.env.TRADER_CCXT_EXCHANGE` replaced by the configured id, so
 * minification drops every other exchange's import. The function gets its own role with
 * log permissions on its own log group only; callers grant the rest.
 */
export class TraderFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TraderFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${Stack.of(this).stackName} ${id}: logs to its own log group; grants added by the stack`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      ...(props.description ? { description: props.description } : {}),
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        // Native: never bundled; only decide carries it (withModelRuntime), others never import it.
        externalModules: [...MODEL_RUNTIME_EXTERNALS, ...UNLOADABLE_CCXT_MODULES],
        ...(props.withModelRuntime === true && {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => modelRuntimeCopyCommands(inputDir, outputDir),
          },
        }),
        define: { 'process.env.TRADER_CCXT_EXCHANGE': JSON.stringify(props.ccxtExchangeId) },
        esbuildArgs: Object.fromEntries(Object.entries(props.withTrainer === true ? TRAINER_BUNDLING_ALIASES : BUNDLING_ALIASES).map(([module, stub]) => [`--alias:${module}`, stub])),
      },
    });
  }
}
