import { abortChecks } from './abort-checks';
import type { Check } from './check';
import { controllerChecks } from './controller-checks';
import { segmentChecks } from './segment-checks';
import { steppingChecks } from './stepping-checks';

/** The conformance checks of the backend spec v1, by test name, in the order they run. */
export const conformanceChecks: Record<string, Check> = {
  ...segmentChecks,
  ...steppingChecks,
  ...abortChecks,
  ...controllerChecks,
};
