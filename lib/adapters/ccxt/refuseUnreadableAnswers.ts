import { BadResponse } from './ccxtErrors.js';

type Fetch = (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>;

const GUARDED = Symbol('refuseUnreadableAnswers');
const SHOWN_CHARS = 120;

/**
 * ccxt hands back a body it cannot parse as JSON (cut short, or a proxy's page served with a
 * 200) as a plain string, and its parsers then read an order, a balance or a ticker of nothing
 * but undefined fields out of it: a cut-short balance answer would read as an empty account.
 * This wraps the client's one HTTP call so that such a body is refused as BadResponse, which
 * the gateway treats as an unreadable answer. An empty body is one too, but for a DELETE (a
 * venue's 204 to a cancel). A client without HTTP (a test's fake) is left as it is.
 */
export function refuseUnreadableAnswers(client: object): void {
  const target = client as { id?: unknown; fetch?: unknown; [GUARDED]?: true };
  if (typeof target.fetch !== 'function' || target[GUARDED]) return;
  const original = (target.fetch as Fetch).bind(client);
  const venue = typeof target.id === 'string' ? target.id : 'the venue';
  const guarded: Fetch = async (url, method = 'GET', headers, body) => {
    const answer = await original(url, method, headers, body);
    if (typeof answer === 'string' && (answer.trim() !== '' || method.toUpperCase() !== 'DELETE')) {
      // The path only: the query of a signed request carries its signature.
      const shown = answer.length > SHOWN_CHARS ? `${answer.slice(0, SHOWN_CHARS)}…` : answer;
      throw new BadResponse(`${venue} ${method} ${pathOf(url)}: the answer is not JSON (cut short, or a page from something in between): ${shown || '(empty)'}`);
    }
    return answer;
  };
  Object.assign(target, { fetch: guarded, [GUARDED]: true });
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? '';
  }
}
