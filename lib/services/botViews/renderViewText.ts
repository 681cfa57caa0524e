import type { BotView } from '../../domain/botView.js';

/**
 * A view as a Telegram message (plain text): the title, then one line a row, `column value`
 * pairs after the first cell. Telegram cuts nothing: the sender keeps to 4096 characters.
 */
export function renderViewText(view: BotView): string {
  const lines = [view.title];
  if (view.rows.length === 0) lines.push(view.empty);
  for (const row of view.rows) {
    const [first = '', ...rest] = row;
    lines.push(`• ${first}: ${rest.map((cell, i) => `${view.columns[i + 1] ?? ''} ${cell}`).join(', ')}`);
  }
  for (const note of view.notes ?? []) lines.push(note);
  return lines.join('\n');
}
