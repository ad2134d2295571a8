export { RunsTable } from './RunsTable';
export { MyRunsContent } from './MyRunsContent';
export { RunProgress } from './RunProgress';
export { RunStatusChip } from './RunStatusChip';
export { ApprovalsContent } from './ApprovalsContent';
