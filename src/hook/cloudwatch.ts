// Named imports, so the bundle keeps only the client and the two commands the Hook uses.
export { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
