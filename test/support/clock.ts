/**
 * A clock the test moves: template caches take it (`now`), so a test steps past a TTL
 * instead of sleeping through it, and a slow, loaded runner cannot expire a TTL early.
 */
export class Clock {
  t = 1_000_000;
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}
