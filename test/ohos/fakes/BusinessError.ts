// What HarmonyOS APIs throw: an Error with a numeric code (see @ohos.base BusinessError).
export class FakeBusinessError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = 'BusinessError';
    this.code = code;
  }
}
