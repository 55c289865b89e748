import { packageTypedocOptions } from '../../tooling/typedoc-entry-points.mjs';

export default packageTypedocOptions(import.meta.url);
