import type { Family, Listing } from './family-model.ts';
import type { ListingPlan } from './intake-writer.ts';

/** A second listing of a family, written some families later. */
export interface PendingListing {
  dueAtFamily: number;
  family: Family;
  listing: Listing;
  plan: ListingPlan;
}

/**
 * The bounded buffer that holds repeated listings until they are due: a family listed by two RTs
 * shows up again later in the file, but never more than `capacity` families are held at once.
 */
export class PendingListings {
  private readonly entries: PendingListing[] = [];

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.length;
  }

  add(entry: PendingListing): void {
    let index = this.entries.length;
    while (index > 0 && this.entries[index - 1].dueAtFamily > entry.dueAtFamily) index--;
    this.entries.splice(index, 0, entry);
  }

  /** Entries due by now, plus the earliest ones while the buffer is over capacity. */
  takeDue(familyIndex: number): PendingListing[] {
    let count = 0;
    while (
      count < this.entries.length &&
      (this.entries[count].dueAtFamily <= familyIndex || this.entries.length - count > this.capacity)
    ) {
      count++;
    }
    return count === 0 ? [] : this.entries.splice(0, count);
  }

  takeAll(): PendingListing[] {
    return this.entries.splice(0, this.entries.length);
  }
}
