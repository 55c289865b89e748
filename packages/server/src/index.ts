export {
  type BudgetForcingServer,
  createBudgetForcingServer,
  type ListeningServer,
} from './create-budget-forcing-server';
export { RequestError } from './openai/request-error';
export { defaultEffortBudgets, type EffortBudgets } from './openai/thinking-controls';
export type { BudgetForcingServerOptions } from './server-options';
