// The conformance suite registers vitest tests, so it imports vitest: it has its own subpath
// (`@s1/budget-forcing/testing/vitest`) for test files, and `@s1/budget-forcing/testing` stays
// importable where vitest is not installed.
/**
 * The conformance suite of the backend spec v1, for vitest test files.
 *
 * @module @s1/budget-forcing/testing/vitest
 */
export { type TestBackendOptions, testBackend } from './test-backend';
