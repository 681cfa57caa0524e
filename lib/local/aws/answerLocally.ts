/**
 * How a command is answered in process: its input as the SDK was given it, the output the
 * service would return (without `$metadata`). Typed `never` so each answer can declare its
 * command's input type, e.g. `(input: GetParameterCommandInput) => ...`.
 */
export type LocalAnswer = (input: never) => Promise<object>;

/** The part of an SDK v3 client this needs: its middleware stack. */
export interface LocallyAnswerableClient {
  readonly middlewareStack: {
    add(
      middleware: (next: unknown, context: { readonly commandName?: string }) => (args: { readonly input: object }) => Promise<{ output: object; response: unknown }>,
      options: { readonly step: 'initialize'; readonly name: string; readonly override?: boolean },
    ): void;
  };
}

/** A command the local runtime has no answer for: the code that sent it needs AWS. */
export class NotAvailableLocallyError extends Error {
  override readonly name = 'NotAvailableLocallyError';

  constructor(readonly commandName: string) {
    super(`${commandName} is not available locally: the local runtime answers only the commands the bot sends`);
  }
}

/**
 * Makes a real SDK client answer commands in process: a middleware at the initialize step,
 * the first the SDK runs, returns the answer without calling the next one, so no request is
 * built, signed or sent. The code using the client runs unchanged, exceptions included
 * (an answer throws the SDK's own exception classes).
 */
export function answerLocally<C extends LocallyAnswerableClient>(client: C, answers: Readonly<Record<string, LocalAnswer>>): C {
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const commandName = context.commandName ?? 'unknown command';
      const answer = Object.hasOwn(answers, commandName) ? answers[commandName] : undefined;
      if (answer === undefined) throw new NotAvailableLocallyError(commandName);
      const output = await answer(args.input as never);
      return { output: { ...output, $metadata: {} }, response: undefined };
    },
    { step: 'initialize', name: 'answerLocally', override: true },
  );
  return client;
}
