import type { Verdict } from '../engine/enforcer';
import { clip } from '../engine/message';
import { resourceAnnotations, stackAnnotations, summaryAnnotation } from './annotations';
import { readTypeConfiguration, type TypeConfiguration } from './config';
import { placeholderContext, regionOf, stackNameOf } from './context';
import { InvalidRequestError, InvalidTypeConfigurationError, PayloadError } from './errors';
import { alarmingCode, FAILURE_MARKER } from './failure-signal';
import { type CloudWatchTarget, InvocationLog, logStreamName, publishLog } from './logger';
import { readResourcePayload } from './payload';
import { fetchPayload, payloadLimitsFromEnv } from './payload-fetch';
import { isCloudControl, type ParsedHookRequest, parseHookRequest, tokenOf } from './request';
import { CLOUD_CONTROL_MESSAGE_CHARS, failed, fromStackVerdict, fromVerdict, success } from './response';
import type { HookRuntime } from './runtime';
import { HandlerErrorCode, type HookProgressEvent } from './types';

export interface HandleOptions {
  /** Time left for the whole invocation; the verdict must come well before CloudFormation gives up. */
  readonly deadlineMs?: number;
  /** Overrides the runtime's environment snapshot for this call (tests, demo). */
  readonly env?: NodeJS.ProcessEnv;
  /** The request object is the caller's to give away (a Lambda event): the engine may coerce it in place. */
  readonly ownsRequest?: boolean;
  /** Where log lines go when there is no provider log group (tests capture them). */
  readonly stdout?: (line: string) => void;
  /** The payload's content, instead of fetching the request's payload URL (`rcfge invoke --payload FILE`). */
  readonly payload?: string;
}

/** CloudFormation waits about 30 s for a hook; keep a margin to answer and publish logs. */
export const DEFAULT_DEADLINE_MS = 25_000;

class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no verdict within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function failureFor(error: unknown, token: string | undefined, log: InvocationLog): HookProgressEvent {
  if (error instanceof InvalidRequestError) return failed(token, HandlerErrorCode.InvalidRequest, `Invalid hook request: ${error.message}`);
  if (error instanceof PayloadError) {
    const hint = error.errorCode === 'InvalidRequest' ? 'Retry the operation; if it fails again, check the template with rcfge validate.' : 'Retry the operation.';
    return failed(token, error.errorCode as HandlerErrorCode, `RCFGE could not use the request's payload and fails closed: ${error.reason}. ${hint}`);
  }
  if (error instanceof InvalidTypeConfigurationError) {
    return failed(token, HandlerErrorCode.InvalidTypeConfiguration, `Invalid RCFGE ${error.message}. Fix it with aws cloudformation set-type-configuration (or the RCFGE_* variables of a Lambda Hook).`);
  }
  if (error instanceof DeadlineExceeded) {
    return failed(token, HandlerErrorCode.InternalFailure, `RCFGE reached no verdict in time (${error.message}); failing closed. Check that the template bucket is reachable.`);
  }
  const detail = log.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  return failed(token, HandlerErrorCode.InternalFailure, `RCFGE failed unexpectedly and fails closed: ${detail}`);
}

/** The AWS-managed Lambda Hook accepts only these two error codes (Lambda Hooks guide). */
const LAMBDA_HOOK_CODES = new Set<string>([HandlerErrorCode.NonCompliant, HandlerErrorCode.InternalFailure]);

function isLambdaHookRequest(raw: unknown): boolean {
  try {
    const model = (raw as { hookModel?: unknown } | null)?.hookModel;
    return model !== null && typeof model === 'object' && 'LambdaFunction' in model;
  } catch {
    return false;
  }
}

/** A Lambda Hook gets InternalFailure for every other failure; the message keeps the precise cause. */
function forLambdaHook(raw: unknown, response: HookProgressEvent): HookProgressEvent {
  if (!response.errorCode || LAMBDA_HOOK_CODES.has(response.errorCode) || !isLambdaHookRequest(raw)) return response;
  return { ...response, errorCode: HandlerErrorCode.InternalFailure, message: `[${response.errorCode}] ${response.message ?? ''}` };
}

function cloudWatchTarget(request: ParsedHookRequest | undefined, region: string | undefined): CloudWatchTarget | undefined {
  if (!request?.providerLogGroupName || !request.providerCredentials || !region) return undefined;
  return {
    logGroupName: request.providerLogGroupName,
    logStreamName: logStreamName(request.stackId, request.logicalId),
    region,
    credentials: request.providerCredentials,
  };
}

function logVerdict(log: InvocationLog, request: ParsedHookRequest, verdict: Verdict): void {
  log.info(`${request.operation} ${request.typeName} ${request.logicalId}: ${verdict.status} (${verdict.kind})`, {
    stackId: request.stackId,
    template: verdict.template,
    findings: verdict.findings.slice(0, 20),
  });
}

/** What an invocation learns as it goes, for the log publishing at the end. */
interface Progress {
  log: InvocationLog;
  request?: ParsedHookRequest;
  region?: string;
  verdict?: Verdict;
}

/** The Hook does not judge its own deployment (stacks named by ExemptStackNamePrefixes). */
function exemptionOf(request: ParsedHookRequest, config: TypeConfiguration): string | undefined {
  const stackName = stackNameOf(request.stackId);
  const prefix = stackName === undefined ? undefined : config.exemptStackNamePrefixes.find((p) => stackName.startsWith(p));
  return prefix === undefined ? undefined : `${request.typeName} ${request.logicalId}: stack ${stackName} is exempt (ExemptStackNamePrefixes "${prefix}"); not judged`;
}

/** The payload's content: given by the caller, or fetched within what is left of the budget. */
function payloadLoader(request: ParsedHookRequest, options: HandleOptions, env: NodeJS.ProcessEnv, deadlineAt: number): () => Promise<unknown> {
  return async () => {
    if (request.inlinePayload) return request.inlinePayload;
    if (options.payload !== undefined) return options.payload;
    // Leave a second of the budget to judge and answer.
    return fetchPayload(request.payloadUrl as string, payloadLimitsFromEnv(env), deadlineAt - Date.now() - 1000);
  };
}

async function respond(raw: unknown, runtime: HookRuntime, options: HandleOptions, env: NodeJS.ProcessEnv, progress: Progress): Promise<HookProgressEvent> {
  const started = Date.now();
  const request = parseHookRequest(raw, { payloadSupplied: options.payload !== undefined });
  progress.request = request;
  progress.log = new InvocationLog([request.callerCredentials, request.providerCredentials]);
  const region = regionOf(request, env);
  progress.region = region;
  const config = options.env ? readTypeConfiguration(request.hookModel, env) : runtime.configuration(request.hookModel);
  const token = request.clientRequestToken;
  const exempt = exemptionOf(request, config);
  if (exempt) {
    progress.log.info(`${request.operation} ${request.typeName} ${request.logicalId}: PASS (exempt stack)`, { stackId: request.stackId });
    return { ...success(token, exempt), annotations: summaryAnnotation(true, exempt, true) };
  }
  const enforcer = runtime.enforcerFor(config, region, request.callerCredentials, progress.log);
  const ctx = placeholderContext(request, config, region);
  const budget = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const content = payloadLoader(request, options, env, started + budget);
  if (request.target !== 'RESOURCE') {
    // Loaded on the first stack-level request.
    const { judgeStackTarget } = require('./stack-target') as typeof import('./stack-target');
    const verdict = await within(judgeStackTarget({ request, enforcer, context: ctx, content, log: progress.log }), budget);
    return fromStackVerdict(token, verdict);
  }
  const properties = request.payloadUrl ? readResourcePayload(await within(content(), budget)) : request.properties;
  const target = { typeName: request.typeName, logicalId: request.logicalId, operation: request.operation, properties, owned: options.ownsRequest };
  // Warm runtime: the template is fresh in memory and the verdict needs no I/O.
  const verdict = enforcer.checkCached(target, ctx) ?? (await within(enforcer.check(target, ctx), budget - (Date.now() - started)));
  logVerdict(progress.log, request, verdict);
  progress.verdict = verdict;
  const max = isCloudControl(request) ? CLOUD_CONTROL_MESSAGE_CHARS : undefined;
  return { ...fromVerdict(token, verdict, { typeName: request.typeName, logicalId: request.logicalId }, max), annotations: resourceAnnotations(verdict, request.typeName, request.logicalId) };
}

/**
 * One hook invocation: request -> configuration -> template -> verdict -> response.
 * Never throws and never answers SUCCESS on an error: every failure is FAILED with a
 * message that says what to fix.
 */
export async function handleHookRequest(raw: unknown, runtime: HookRuntime, options: HandleOptions = {}): Promise<HookProgressEvent> {
  let token: string | undefined;
  try {
    token = tokenOf(raw);
  } catch {
    token = undefined; // an in-process caller's object may throw from a getter; JSON never does
  }
  const progress: Progress = { log: new InvocationLog([]) };
  let response: HookProgressEvent;
  try {
    response = await respond(raw, runtime, options, options.env ?? runtime.env, progress);
  } catch (error) {
    response = failureFor(error, token, progress.log);
    progress.log.warn(response.message ?? 'failed');
  }
  // Before the Lambda Hook's code mapping, so the alarm line names the precise code.
  const alarming = alarmingCode(response, progress.verdict);
  if (alarming) progress.log.warn(`${FAILURE_MARKER} ${alarming}`, { hookStatus: response.hookStatus, errorCode: alarming });
  if (response.hookStatus === 'FAILED' && !response.annotations) response = { ...response, annotations: summaryAnnotation(false, response.message ?? 'failed') };
  response = forLambdaHook(raw, response);
  // Cloud Control shows 1,024 characters of a message; a verdict's was built to fit already.
  if (progress.request && isCloudControl(progress.request) && response.message !== undefined && response.message.length > CLOUD_CONTROL_MESSAGE_CHARS) {
    response = { ...response, message: clip(response.message, CLOUD_CONTROL_MESSAGE_CHARS) };
  }
  const target = cloudWatchTarget(progress.request, progress.region);
  try {
    // stdout is synchronous; only the CloudWatch Logs call needs a budget of its own.
    if (target) await within(publishLog(progress.log.lines, target, options.stdout), 3000);
    else await publishLog(progress.log.lines, undefined, options.stdout);
  } catch {
    // Logging must never change or delay the verdict beyond its own short budget.
  }
  return response;
}
