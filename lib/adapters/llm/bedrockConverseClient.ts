/**
 * The two parts of the Bedrock Runtime client the Converse model uses. createLanguageModel
 * imports this module lazily, so a bundle carries the client (sharing the SDK's core and
 * credential chain with the other bundled clients) while only a bot that asks Bedrock
 * evaluates it.
 */
export { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
