/** Counters every Transport keeps (read them; only the transport writes them). */
export class TransportStats {
  /** Envelopes handed to the wire (requests, responses, oneway, gossip). */
  sent: number = 0;
  /** Envelopes received and accepted. */
  received: number = 0;
  /** Requests sent. */
  requests: number = 0;
  /** Requests that got a response (including error responses). */
  responses: number = 0;
  /** Requests that hit their deadline. */
  timeouts: number = 0;
  /** Wire input rejected as malformed or too large (ERR_ENVELOPE_INVALID / ERR_PAYLOAD_TOO_LARGE). */
  malformed: number = 0;
  /** Envelopes addressed to another device. */
  misaddressed: number = 0;
  /** Requests received twice (network duplication) and answered only once. */
  duplicates: number = 0;
  /** Requests that arrived after their deadline and were dropped. */
  expired: number = 0;
  /** Responses that matched no pending request (late, or duplicated). */
  unmatched: number = 0;
  /** Envelopes for a topic nobody handles. */
  unhandled: number = 0;
  /** Request handlers that failed (answered with an error response). */
  handlerErrors: number = 0;
  /** Bytes handed to the wire (encoded size; SimNetwork: its size estimate when not serialising). */
  bytesSent: number = 0;
  /** Bytes received from the wire (counted like `bytesSent`). */
  bytesReceived: number = 0;
}
