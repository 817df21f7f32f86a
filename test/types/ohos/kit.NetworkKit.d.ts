// @kit.NetworkKit: TCP and UDP sockets, for the device-to-device SocketTransport and the address beacon.
// Source: interface_sdk-js api/@ohos.net.socket.d.ts (re-exported as `socket` by kits/@kit.NetworkKit.d.ts)
// and api/@ohos.net.connection.d.ts (NetAddress).
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/js-apis-socket
// Guide: https://developer.huawei.com/consumer/en/doc/harmonyos-guides/socket-connection
// Every call needs ohos.permission.INTERNET (system_grant). Errors: 201 permission, 401 parameter,
// 2300002 system internal error, 2303xxx errno-based socket errors (e.g. 2303198 address in use,
// 2303210 connection timed out; 2303100 + errno in general).
// Not declared because not used: TLS sockets, multicast, local sockets, the callback overloads.
// Note: TCPSocketServer has no close() on API 12 (the interface below is complete for API 10-12).
declare module '@kit.NetworkKit' {
  import { Callback, ErrorCallback } from '@kit.BasicServicesKit';

  export namespace socket {
    /** From @ohos.net.connection: `family` 1 = IPv4 (default), 2 = IPv6. */
    export interface NetAddress {
      address: string;
      family?: number;
      port?: number;
    }

    /** @since 7 */
    export interface SocketRemoteInfo {
      address: string;
      family: 'IPv4' | 'IPv6';
      port: number;
      size: number;
    }

    /** The argument of on('message') (a named interface since API 11). */
    export interface SocketMessageInfo {
      message: ArrayBuffer;
      remoteInfo: SocketRemoteInfo;
    }

    export interface SocketStateBase {
      isBound: boolean;
      isClose: boolean;
      isConnected: boolean;
    }

    export interface ExtraOptionsBase {
      receiveBufferSize?: number;
      sendBufferSize?: number;
      reuseAddress?: boolean;
      socketTimeout?: number;
    }

    export interface UDPExtraOptions extends ExtraOptionsBase {
      broadcast?: boolean;
    }

    export interface TCPExtraOptions extends ExtraOptionsBase {
      keepAlive?: boolean;
      OOBInline?: boolean;
      TCPNoDelay?: boolean;
    }

    export interface UDPSendOptions {
      data: string | ArrayBuffer;
      address: NetAddress;
    }

    export interface TCPConnectOptions {
      address: NetAddress;
      /** Milliseconds. */
      timeout?: number;
    }

    export interface TCPSendOptions {
      data: string | ArrayBuffer;
      encoding?: string;
    }

    /** Doc: js-apis-socket#udpsocket */
    export interface UDPSocket {
      bind(address: NetAddress): Promise<void>;
      send(options: UDPSendOptions): Promise<void>;
      close(): Promise<void>;
      getState(): Promise<SocketStateBase>;
      setExtraOptions(options: UDPExtraOptions): Promise<void>;
      on(type: 'message', callback: Callback<SocketMessageInfo>): void;
      off(type: 'message', callback?: Callback<SocketMessageInfo>): void;
      on(type: 'listening' | 'close', callback: Callback<void>): void;
      off(type: 'listening' | 'close', callback?: Callback<void>): void;
      on(type: 'error', callback: ErrorCallback): void;
      off(type: 'error', callback?: ErrorCallback): void;
    }

    /** Doc: js-apis-socket#tcpsocket */
    export interface TCPSocket {
      bind(address: NetAddress): Promise<void>;
      connect(options: TCPConnectOptions): Promise<void>;
      send(options: TCPSendOptions): Promise<void>;
      close(): Promise<void>;
      getRemoteAddress(): Promise<NetAddress>;
      getState(): Promise<SocketStateBase>;
      setExtraOptions(options: TCPExtraOptions): Promise<void>;
      on(type: 'message', callback: Callback<SocketMessageInfo>): void;
      off(type: 'message', callback?: Callback<SocketMessageInfo>): void;
      on(type: 'connect' | 'close', callback: Callback<void>): void;
      off(type: 'connect' | 'close', callback?: Callback<void>): void;
      on(type: 'error', callback: ErrorCallback): void;
      off(type: 'error', callback?: ErrorCallback): void;
    }

    /** An accepted connection. Doc: js-apis-socket#tcpsocketconnection10. @since 10 */
    export interface TCPSocketConnection {
      clientId: number;
      send(options: TCPSendOptions): Promise<void>;
      close(): Promise<void>;
      getRemoteAddress(): Promise<NetAddress>;
      on(type: 'message', callback: Callback<SocketMessageInfo>): void;
      off(type: 'message', callback?: Callback<SocketMessageInfo>): void;
      on(type: 'close', callback: Callback<void>): void;
      off(type: 'close', callback?: Callback<void>): void;
      on(type: 'error', callback: ErrorCallback): void;
      off(type: 'error', callback?: ErrorCallback): void;
    }

    /** Doc: js-apis-socket#tcpsocketserver10. @since 10 */
    export interface TCPSocketServer {
      /** Binds and listens; port 0 lets the system choose. */
      listen(address: NetAddress): Promise<void>;
      getState(): Promise<SocketStateBase>;
      setExtraOptions(options: TCPExtraOptions): Promise<void>;
      on(type: 'connect', callback: Callback<TCPSocketConnection>): void;
      off(type: 'connect', callback?: Callback<TCPSocketConnection>): void;
      on(type: 'error', callback: ErrorCallback): void;
      off(type: 'error', callback?: ErrorCallback): void;
    }

    /** @since 7 */
    function constructUDPSocketInstance(): UDPSocket;
    /** @since 7 */
    function constructTCPSocketInstance(): TCPSocket;
    /** @since 10 */
    function constructTCPSocketServerInstance(): TCPSocketServer;
  }
}
