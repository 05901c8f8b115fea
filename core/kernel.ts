/**
 * The UML kernel command line being assembled. Keys are set once (a later set replaces the
 * value in place); `add` appends a bare argument. Order is kept for readable plans.
 */
export class KernelCommandLine {
  private readonly entries = new Map<string, string | undefined>();

  set(key: string, value: string): this {
    this.entries.set(key, value);
    return this;
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  delete(key: string): this {
    this.entries.delete(key);
    return this;
  }

  /** A bare word such as `ro` or `quiet`. */
  add(word: string): this {
    this.entries.set(word, undefined);
    return this;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  toArgs(): string[] {
    return [...this.entries].map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
  }
}
