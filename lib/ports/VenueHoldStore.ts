/** A hold on calling the venue (an IP ban, or a long Retry-After), as every function shares it. */
export interface SharedVenueHold {
  readonly banned: boolean;
  /** Epoch ms before which nothing is sent. */
  readonly until: number;
  readonly reason: string;
}

/**
 * Where a function that hears the venue ban us (418) or ask for a long pause (429) records it,
 * and where every function reads it when it builds its gateway: a cold start must not call
 * straight into a ban another function already met.
 */
export interface VenueHoldStore {
  /** The hold last recorded; undefined when none ever was. It may have ended: the reader compares `until` with its clock. */
  read(): Promise<SharedVenueHold | undefined>;
  /** Records a hold; one already stored that ends later is kept. */
  write(hold: SharedVenueHold): Promise<void>;
}
