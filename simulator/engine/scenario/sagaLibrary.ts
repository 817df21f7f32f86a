import { ORDER_INVENTORY_SERVICE, ORDER_PAYMENT_SERVICE, ORDER_SHIPPING_SERVICE, orderSagaDefinition, orderSagaInput } from '../sdk';
import type { JsonValue, Random, SagaDefinition } from '../sdk';
import { ORDER_ACCOUNTS, ORDER_SKUS } from '../handlers/builtinHandlers';

/** A saga a scenario can start: the SDK definition, the services it calls, and how to make an input. */
export interface SagaRecipe {
  definition: () => SagaDefinition;
  services: string[];
  input: (n: number, random: Random) => JsonValue;
}

/** The sagas scenarios can name in `workload.sagas[].saga`: the SDK's examples. */
export const SAGA_LIBRARY: Record<string, SagaRecipe> = {
  order: {
    definition: (): SagaDefinition => orderSagaDefinition(),
    services: [ORDER_INVENTORY_SERVICE, ORDER_PAYMENT_SERVICE, ORDER_SHIPPING_SERVICE],
    input: (n: number, random: Random): JsonValue =>
      orderSagaInput(`order-${n}`, `sku-${n % ORDER_SKUS}`, 1 + random.nextInt(2), `acct-${random.nextInt(ORDER_ACCOUNTS)}`,
        500 + random.nextInt(50000), 'Main St 1'),
  },
};

