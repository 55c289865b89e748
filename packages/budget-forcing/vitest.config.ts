import { packageProject } from '../../tooling/vitest-project';

export default packageProject('budget-forcing');
