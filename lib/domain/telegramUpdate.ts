import * as z from 'zod';

/**
 * The part of a Telegram Bot API `Update` the webhook reads: a text message's chat, sender
 * and text. Other update kinds (edited messages, callbacks) parse with `message` absent and
 * are ignored; unknown fields are allowed, as Telegram adds them over time.
 */
export const TelegramUpdateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: z
    .object({
      message_id: z.number().int(),
      date: z.number().int(),
      chat: z.object({ id: z.number().int() }),
      from: z.object({ id: z.number().int(), username: z.string().optional(), first_name: z.string().optional() }).optional(),
      text: z.string().optional(),
    })
    .optional(),
});
export type TelegramUpdate = z.output<typeof TelegramUpdateSchema>;

/** Who gave a command: recorded with every state change it makes. */
export interface BotActor {
  readonly chatId: number;
  /** `@username`, else the first name, else the user id. */
  readonly userName: string;
  readonly updateId: number;
}

export function actorOf(update: TelegramUpdate & { readonly message: NonNullable<TelegramUpdate['message']> }): BotActor {
  const { from, chat } = update.message;
  const userName = from?.username !== undefined ? `@${from.username}` : (from?.first_name ?? (from ? `user ${from.id}` : `chat ${chat.id}`));
  return { chatId: chat.id, userName, updateId: update.update_id };
}
