/** Budget plans (사업계획): guideline checks and the execution record. Pure: no host, no spreadsheet. */
export * from './types';
export { inSpan, parseYear } from './years';
export { CodeBook, categoryTokens, codeMatches, isCodePattern, normalizeCode } from './codes';
export { applyRule, rulesInForce, type RuleOutcome } from './rules';
export { reviewPlans, type AgendaCost, type DataCheck, type PlanCheck, type PlanYearReview, type ProjectReview, type ReviewInput, type ReviewResult, type Tolerance } from './review';
export { summarizeExecution, type ExecutionCheck, type ExecutionIssue, type ExecutionProject, type ExecutionSummary } from './execution';
