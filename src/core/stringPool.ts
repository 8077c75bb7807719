/**
 * One copy of each short, often repeated value (a 동, an age group, a channel, an agenda id),
 * instead of a million copies of "신길3동". Bounded, so a file of all-different values cannot
 * grow it forever: past the bound, values pass through unshared.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly limit = 10_000) {}

  get(text: string): string {
    const known = this.pool.get(text);
    if (known !== undefined) return known;
    if (this.pool.size < this.limit) this.pool.set(text, text);
    return text;
  }
}
