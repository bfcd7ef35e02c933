/**
 * The event AWS Config sends a custom rule's Lambda function (Config developer guide,
 * "Example events for AWS Config rules"): `invokingEvent` and `ruleParameters` arrive as
 * JSON strings; `resultToken` must go back with the evaluations.
 */
export interface ConfigRuleEvent {
  readonly accountId: string;
  readonly resultToken: string;
  readonly configRuleArn?: string;
  readonly messageType: string;
  /** When Config made the notification (periodic) or captured the configuration item (change). */
  readonly orderingTimestamp: Date;
  readonly ruleParameters: Record<string, string>;
}

export class ConfigEventError extends Error {
  override readonly name = 'ConfigEventError';
}

function parseJsonObject(name: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') throw new ConfigEventError(`${name} is not a JSON string`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new ConfigEventError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigEventError(`${name} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

function timestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function parseConfigEvent(raw: unknown, now: () => Date = () => new Date()): ConfigRuleEvent {
  if (raw === null || typeof raw !== 'object') throw new ConfigEventError('the event is not an object');
  const event = raw as Record<string, unknown>;
  if (typeof event.resultToken !== 'string' || event.resultToken === '') throw new ConfigEventError('the event has no resultToken: not an AWS Config rule invocation');
  const invoking = parseJsonObject('invokingEvent', event.invokingEvent);
  // An oversized change notification carries configurationItemSummary instead of the item.
  const item = (invoking.configurationItem ?? invoking.configurationItemSummary ?? {}) as Record<string, unknown>;
  const accountId = typeof event.accountId === 'string' ? event.accountId : typeof invoking.awsAccountId === 'string' ? invoking.awsAccountId : '';
  if (!/^\d{12}$/.test(accountId)) throw new ConfigEventError('the event names no 12-digit accountId');
  const parameters = parseJsonObject('ruleParameters', event.ruleParameters);
  const ruleParameters: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters)) ruleParameters[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    accountId,
    resultToken: event.resultToken,
    configRuleArn: typeof event.configRuleArn === 'string' ? event.configRuleArn : undefined,
    messageType: typeof invoking.messageType === 'string' ? invoking.messageType : 'unknown',
    orderingTimestamp: timestamp(item.configurationItemCaptureTime) ?? timestamp(invoking.notificationCreationTime) ?? now(),
    ruleParameters,
  };
}
