// The conformance suite registers vitest tests, so it imports vitest: it has its own subpath
// (`@s1/budget-forcing/testing/vitest`) for test files, and `@s1/budget-forcing/testing` stays
// importable where vitest is not installed.
export { type TestBackendOptions, testBackend } from './test-backend';
