/**
 * Attribute names the automatic spans use: OpenTelemetry semantic conventions (RPC, HTTP,
 * messaging, exceptions) where one exists, `arkmesh.*` for what is ours.
 */
export class TraceAttributeNames {
  static readonly RPC_SYSTEM: string = 'rpc.system';
  static readonly RPC_SERVICE: string = 'rpc.service';
  static readonly RPC_METHOD: string = 'rpc.method';
  static readonly HTTP_REQUEST_METHOD: string = 'http.request.method';
  static readonly HTTP_RESPONSE_STATUS_CODE: string = 'http.response.status_code';
  static readonly HTTP_ROUTE: string = 'http.route';
  static readonly URL_PATH: string = 'url.path';
  static readonly ERROR_TYPE: string = 'error.type';
  static readonly PEER_SERVICE: string = 'peer.service';
  static readonly MESSAGING_SYSTEM: string = 'messaging.system';
  static readonly MESSAGING_DESTINATION: string = 'messaging.destination.name';
  static readonly MESSAGING_OPERATION_TYPE: string = 'messaging.operation.type';
  static readonly MESSAGING_OPERATION_NAME: string = 'messaging.operation.name';
  static readonly MESSAGING_MESSAGE_ID: string = 'messaging.message.id';
  static readonly MESSAGING_CONSUMER_GROUP: string = 'messaging.consumer.group.name';
  static readonly MESSAGING_DELIVERY_COUNT: string = 'messaging.delivery.count';
  /** The device that serves (client spans) or sent (server spans) a call. */
  static readonly PEER_DEVICE: string = 'arkmesh.peer.device';
  static readonly SAGA_NAME: string = 'arkmesh.saga.name';
  static readonly SAGA_ID: string = 'arkmesh.saga.id';
  static readonly SAGA_STEP: string = 'arkmesh.saga.step';
  static readonly SAGA_COMPENSATION: string = 'arkmesh.saga.compensation';
  static readonly SAGA_ATTEMPT: string = 'arkmesh.saga.attempt';
  static readonly BREAKER_NAME: string = 'arkmesh.breaker.name';
  static readonly BREAKER_STATE: string = 'arkmesh.breaker.state';
  /** `rpc.system` and `messaging.system` of ArkMesh calls and queues. */
  static readonly SYSTEM_ARKMESH: string = 'arkmesh';
}
