import type { BudgetForcingResult } from './result';

/** What a fidelity mode returns; the controller adds the thinking/answer split and warnings. */
export type ModeOutcome = Omit<BudgetForcingResult, 'thinking' | 'answer' | 'warnings'>;
