/**
 * AWS SDK clients a function takes from the Lambda runtime (the Node.js runtimes ship the AWS
 * SDK for JavaScript v3) instead of from its bundle. Only the Bedrock Runtime client: the rest
 * of the SDK stays bundled, so its version is the one the tests ran against, and a function's
 * init does not pay for loading the runtime's unbundled copy (bench/results.json,
 * functions.decide: bundleBytesSdkExternal and the init it costs). The Bedrock client is
 * loaded only by a bot whose strategy asks Bedrock, by a dynamic import
 * (lib/adapters/llm/createLanguageModel.ts), and its Converse call with tool use is older
 * than every runtime that ships SDK v3; bundled, it would put decide over its 1.5 MB.
 */
export const RUNTIME_PROVIDED_MODULES: readonly string[] = ['@aws-sdk/client-bedrock-runtime'];
