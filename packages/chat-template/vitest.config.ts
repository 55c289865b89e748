import { packageProject } from '../../tooling/vitest-project';

export default packageProject('chat-template');
