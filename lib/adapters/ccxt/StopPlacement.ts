import type { Order } from '../../domain/order.js';

/**
 * How placing a protective stop on the venue ended. `correctable` says a new price may
 * succeed (price filter, would trigger at once); `unknown` must be settled by a lookup before
 * any other stop is sent for the plan.
 */
export type StopPlacement =
  | { readonly kind: 'placed'; readonly order: Order }
  | { readonly kind: 'refused'; readonly reason: string; readonly correctable: boolean }
  | { readonly kind: 'unknown'; readonly reason: string };
