// A small aggregate for property tests: every event changes the state, and the state remembers
// the order of its events (a rolling checksum), so snapshot+tail and full replay must agree exactly.
import { JsonValue } from '../../sdk/src/main/ets/core/index';
import { Aggregate, DomainEvent } from '../../sdk/src/main/ets/eventstore/index';

export class Ledger extends Aggregate {
  balance = 0;
  count = 0;
  checksum = 7;
  label = '';
  schema = 1;

  deposit(amount: number): void { this.raise('Deposited', amount); }
  withdraw(amount: number): void { this.raise('Withdrawn', amount); }
  rename(label: string): void { this.raise('Renamed', label); }

  protected when(event: DomainEvent): void {
    this.count++;
    this.checksum = (this.checksum * 31 + JSON.stringify([event.type, event.data]).length * 7 + this.count) % 1_000_000_007;
    if (event.type === 'Deposited') this.balance += event.data as number;
    else if (event.type === 'Withdrawn') this.balance -= event.data as number;
    else if (event.type === 'Renamed') this.label = event.data as string;
  }

  get stateVersion(): number { return this.schema; }

  snapshotState(): JsonValue {
    return { balance: this.balance, count: this.count, checksum: this.checksum, label: this.label };
  }

  restoreState(state: JsonValue): void {
    const s = state as Record<string, JsonValue>;
    this.balance = s.balance as number;
    this.count = s.count as number;
    this.checksum = s.checksum as number;
    this.label = s.label as string;
  }

  state(): Record<string, unknown> {
    return { balance: this.balance, count: this.count, checksum: this.checksum, label: this.label };
  }
}
