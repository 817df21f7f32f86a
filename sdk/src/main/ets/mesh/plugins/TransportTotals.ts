import { RedDirection } from '../../metrics/red/RedEvents';
import { RedMetrics } from '../../metrics/red/RedMetrics';
import { TransportStats } from '../../transport/TransportStats';

/**
 * The transport counters already pushed into RedMetrics, so each push records only what happened
 * since the previous one (the transport counts; nothing runs per envelope).
 */
export class TransportTotals {
  private readonly _stats: TransportStats;
  private _sent: number = 0;
  private _received: number = 0;
  private _bytesSent: number = 0;
  private _bytesReceived: number = 0;
  private _malformed: number = 0;
  private _misaddressed: number = 0;
  private _duplicates: number = 0;
  private _expired: number = 0;
  private _unmatched: number = 0;
  private _unhandled: number = 0;

  constructor(stats: TransportStats) {
    this._stats = stats;
  }

  /** Records the deltas since the last push. */
  push(red: RedMetrics): void {
    const s = this._stats;
    if (s.sent > this._sent || s.bytesSent > this._bytesSent) {
      red.recordTransport({ direction: RedDirection.SENT, bytes: s.bytesSent - this._bytesSent, envelopes: s.sent - this._sent });
      this._sent = s.sent;
      this._bytesSent = s.bytesSent;
    }
    if (s.received > this._received || s.bytesReceived > this._bytesReceived) {
      red.recordTransport({
        direction: RedDirection.RECEIVED, bytes: s.bytesReceived - this._bytesReceived, envelopes: s.received - this._received
      });
      this._received = s.received;
      this._bytesReceived = s.bytesReceived;
    }
    this._malformed = TransportTotals.reject(red, 'malformed', s.malformed, this._malformed);
    this._misaddressed = TransportTotals.reject(red, 'misaddressed', s.misaddressed, this._misaddressed);
    this._duplicates = TransportTotals.reject(red, 'duplicate', s.duplicates, this._duplicates);
    this._expired = TransportTotals.reject(red, 'expired', s.expired, this._expired);
    this._unmatched = TransportTotals.reject(red, 'unmatched', s.unmatched, this._unmatched);
    this._unhandled = TransportTotals.reject(red, 'unhandled', s.unhandled, this._unhandled);
  }

  private static reject(red: RedMetrics, reason: string, total: number, pushed: number): number {
    if (total > pushed) {
      red.recordTransportReject(reason, total - pushed);
    }
    return total;
  }
}
