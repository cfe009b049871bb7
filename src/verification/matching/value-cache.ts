// A memo for values computed from strings that repeat millions of times (name words, birth dates, regions).

/** Computes `key`'s value once; emptied when full, so it never holds more than `limit` keys. */
export class ValueCache<T> {
  private readonly values = new Map<string, T>();

  constructor(
    private readonly compute: (key: string) => T,
    private readonly limit: number,
  ) {}

  get(key: string): T {
    let value = this.values.get(key);
    if (value === undefined) {
      if (this.values.size >= this.limit) this.values.clear();
      value = this.compute(key);
      this.values.set(key, value);
    }
    return value;
  }
}
