import { testRecordedSources } from '../../../../tooling/golden-freshness';

// pyarrow is not in CI: the fixture script records what it wrote, and this fails when the
// script or a Parquet file changed since.
testRecordedSources(new URL('./__fixtures__/pyarrow.written-by.json', import.meta.url));
