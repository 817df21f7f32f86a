// A desktop stand-in for abilityAccessCtrl (@kit.AbilityKit): the "user" grants or refuses, and
// every request is recorded. Results follow PermissionRequestResult (0 granted, -1 denied, 2 invalid).
import { FakeBusinessError } from './BusinessError';

export const permissionFake = {
  /** What the user answers per permission: 0 grant, -1 deny, 2 not declared; 'throw' fails the request. */
  answer: new Map<string, number | 'throw'>(),
  requests: [] as string[][],
  reset(): void {
    this.answer.clear();
    this.requests = [];
  },
};

export const abilityAccessCtrl = {
  GrantStatus: { PERMISSION_DENIED: -1, PERMISSION_GRANTED: 0 },
  createAtManager() {
    return {
      requestPermissionsFromUser(context: object, permissions: string[]): Promise<{ permissions: string[]; authResults: number[] }> {
        permissionFake.requests.push(permissions.slice());
        if (permissions.some((p) => permissionFake.answer.get(p) === 'throw')) {
          return Promise.reject(new FakeBusinessError(12100001, 'The context is not a UIAbility context'));
        }
        return Promise.resolve({ permissions: permissions.slice(), authResults: permissions.map((p) => (permissionFake.answer.get(p) as number | undefined) ?? 0) });
      },
    };
  },
};
