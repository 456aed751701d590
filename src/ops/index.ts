// Operations: logging, errors, health and readiness, the retention job, tasks one process runs at a time.
export { frameworkErrors, installErrorHandler, problemBody, type ErrorStyle } from './errorHandler.js';
export { healthRoutes, type ReadinessCheck } from './health.js';
export { openApi } from './openapi.js';
export { obshubVersion, redactedConfig, SystemStatusService, type SystemStatus } from './systemStatus.js';
export { AccessLog, createLogger, logsArePretty } from './logger.js';
export { startRetentionJob, type RetentionJob } from './retentionJob.js';
export { runWhileLeader, type LeaderTask } from './leaderTask.js';
