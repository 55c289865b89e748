import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type {
  BudgetForcingMiddlewareOptions,
  middlewareOptionsSchema,
} from './ai-sdk/budget-forcing-middleware';
import type {
  AiSdkBackendOptions,
  aiSdkBackendOptionsSchema,
} from './ai-sdk/create-ai-sdk-backend';
import type { CallOptions } from './ai-sdk/language-model';
import type {
  RejectionSamplingOptions,
  rejectionSamplingOptionsSchema,
} from './baselines/rejection-sampling';
import type { samplingSchema } from './common/sampling-schema';
import type { BudgetForcingRequest, requestSchema } from './controller/options';
import type { capabilitiesOverrideSchema } from './openai/create-openai-compatible-backend';
import type { SampleNOptions, sampleNOptionsSchema } from './parallel/sample-n';
import type { BackendCapabilities, Sampling } from './spec/backend-v1';
import type { TestBackendOptions, testBackendOptionsSchema } from './testing/vitest/test-backend';

// The keys of every member of a union, where `keyof` gives only the keys they share.
type KeysOf<Type> = Type extends unknown ? keyof Type : never;
type SchemaKeys<Schema extends z.ZodType> = KeysOf<z.input<Schema>>;

// Where an interface stays the public type (it carries what zod cannot describe: generics,
// unions, the spec) or a type is composed from named ones (to keep their TSDoc in declaration
// files), its strict schema must know exactly its keys; these fail to compile if not.
describe('the strict schemas kept beside interfaces', () => {
  it('should know exactly the keys of the interfaces they check', () => {
    expectTypeOf<SchemaKeys<typeof samplingSchema>>().toEqualTypeOf<keyof Sampling>();
    expectTypeOf<SchemaKeys<typeof requestSchema>>().toEqualTypeOf<KeysOf<BudgetForcingRequest>>();
    expectTypeOf<SchemaKeys<typeof capabilitiesOverrideSchema>>().toEqualTypeOf<
      Exclude<keyof BackendCapabilities, 'segments' | 'stepping'>
    >();
    expectTypeOf<SchemaKeys<typeof aiSdkBackendOptionsSchema>>().toEqualTypeOf<
      keyof AiSdkBackendOptions
    >();
    expectTypeOf<SchemaKeys<typeof aiSdkBackendOptionsSchema.shape.callOptions>>().toEqualTypeOf<
      Exclude<keyof CallOptions, 'prompt'>
    >();
    expectTypeOf<SchemaKeys<typeof rejectionSamplingOptionsSchema>>().toEqualTypeOf<
      keyof RejectionSamplingOptions
    >();
    expectTypeOf<SchemaKeys<typeof middlewareOptionsSchema>>().toEqualTypeOf<
      keyof BudgetForcingMiddlewareOptions
    >();
    expectTypeOf<SchemaKeys<typeof sampleNOptionsSchema>>().toEqualTypeOf<
      keyof SampleNOptions<unknown>
    >();
    expectTypeOf<SchemaKeys<typeof testBackendOptionsSchema>>().toEqualTypeOf<
      keyof TestBackendOptions
    >();
  });
});
