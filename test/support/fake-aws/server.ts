import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOUDFORMATION, type Caller, ServiceError } from './cloudformation';
import type { FakeOrganisation, Fault } from './state';
import { parseForm, queryError, queryResponse, type XmlValue } from './xml';

/**
 * A local HTTP endpoint that answers as the AWS CloudFormation, STS and Config APIs do
 * (their API references: Query protocol with XML for CloudFormation and STS, JSON 1.1 for
 * Config), for tests of `rcfge audit` and the Config rule with the real SDK clients. It
 * stands in for the AWS services, which cannot run here. Who calls is read from the SigV4
 * Authorization header (the access key names the account; the credential scope names region
 * and service); signatures are not verified.
 */
export interface FakeAws {
  readonly endpoint: string;
  readonly org: FakeOrganisation;
  /** Answers from another organisation from now on (one server for a test file whose clients outlive a test). */
  use(org: FakeOrganisation): void;
  /** The access key of the default credentials (`S3RVER`, which the local S3 server also accepts). */
  readonly accessKey: string;
  /** An access key for a role's own credentials in an account (a Lambda function's execution role). */
  accessKeyFor(account: string, role: string): string;
  close(): Promise<void>;
}

const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

interface Identity {
  readonly account: string;
  readonly principal: string;
}

function scopeOf(req: IncomingMessage): { accessKey: string; region: string; service: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
  return match ? { accessKey: match[1], region: match[2], service: match[3] } : undefined;
}

const COMPLIANCE_TYPES = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'INSUFFICIENT_DATA'];

/**
 * PutEvaluations' constraints (Config API reference, PutEvaluations and Evaluation): at most
 * 100 evaluations; ComplianceResourceType 1-256 and ComplianceResourceId 1-768 characters,
 * both required; ComplianceType required, and INSUFFICIENT_DATA not accepted from a rule;
 * Annotation 1-256 characters; OrderingTimestamp required.
 */
function invalidEvaluations(evaluations: unknown): { code: string; message: string } | undefined {
  const fail = (message: string) => ({ code: 'ValidationException', message });
  if (evaluations === undefined) return undefined;
  if (!Array.isArray(evaluations)) return fail('Evaluations must be a list');
  if (evaluations.length > 100) return fail(`Value at 'evaluations' failed to satisfy constraint: Member must have length less than or equal to 100`);
  for (const [i, e] of (evaluations as Record<string, unknown>[]).entries()) {
    const text = (key: string, max: number, required: boolean) => {
      const v = e[key];
      if (v === undefined) return required ? `${key} is required` : undefined;
      if (typeof v !== 'string' || v.length < 1 || v.length > max) return `Value at 'evaluations.${i + 1}.member.${key}' failed to satisfy constraint: Member must have length between 1 and ${max}`;
      return undefined;
    };
    const problem = text('ComplianceResourceType', 256, true) ?? text('ComplianceResourceId', 768, true) ?? text('Annotation', 256, false);
    if (problem) return fail(problem);
    if (!COMPLIANCE_TYPES.includes(String(e.ComplianceType))) return fail(`Value at 'evaluations.${i + 1}.member.complianceType' failed to satisfy constraint: Member must satisfy enum value set: [${COMPLIANCE_TYPES.join(', ')}]`);
    if (e.ComplianceType === 'INSUFFICIENT_DATA') return { code: 'InvalidParameterValueException', message: 'INSUFFICIENT_DATA is not a valid ComplianceType for PutEvaluations' };
    if (typeof e.OrderingTimestamp !== 'number') return fail('OrderingTimestamp is required');
  }
  return undefined;
}

function takeFault(org: FakeOrganisation, caller: Caller, action: string): Fault | undefined {
  const fault = org.faults.find(
    (f) => (f.account === undefined || f.account === caller.account) && (f.region === undefined || f.region === caller.region) && (f.action === undefined || f.action === action) && (f.times ?? 1) > 0,
  );
  if (fault && fault.times !== undefined) fault.times -= 1;
  return fault;
}

/**
 * `caller`: whose default credentials `S3RVER` are: the administrator account's operator (the
 * audit), or a member account's Config rule function.
 */
export async function startFakeAws(initial: FakeOrganisation, caller: { account?: string; role?: string } = {}): Promise<FakeAws> {
  let org = initial;
  const accessKey = 'S3RVER';
  const account = caller.account ?? org.adminAccount;
  const identities = new Map<string, Identity>([[accessKey, { account, principal: `arn:aws:iam::${account}:role/${caller.role ?? 'PlatformOperator'}` }]]);
  let sessions = 0;

  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const query = (res: ServerResponse, namespace: string, run: () => { action: string; result: Record<string, XmlValue> }): void => {
    const requestId = randomUUID();
    try {
      const { action, result } = run();
      send(res, 200, 'text/xml', queryResponse(action, namespace, result, requestId));
    } catch (error) {
      const e = error instanceof ServiceError ? error : new ServiceError(500, 'InternalFailure', String(error));
      send(res, e.status, 'text/xml', queryError(namespace, e.code, e.message, requestId));
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const scope = scopeOf(req);
    const identity = scope ? identities.get(scope.accessKey) : undefined;
    const target = String(req.headers['x-amz-target'] ?? '');
    if (!scope || !identity) {
      const code = scope ? 'InvalidClientTokenId' : 'MissingAuthenticationToken';
      if (target) return send(res, 403, 'application/x-amz-json-1.1', JSON.stringify({ __type: code, message: 'The security token included in the request is invalid.' }));
      return send(res, 403, 'text/xml', queryError(scope?.service === 'sts' ? STS_NS : CFN_NS, code, 'The security token included in the request is invalid.', randomUUID()));
    }
    const caller: Caller = { account: identity.account, region: scope.region };

    if (target.startsWith('StarlingDoveService.')) {
      const action = target.slice('StarlingDoveService.'.length);
      const input = JSON.parse(body || '{}') as Record<string, unknown>;
      org.calls.push({ ...caller, service: 'config', action, params: input });
      const fault = takeFault(org, caller, action);
      if (fault) return send(res, fault.status, 'application/x-amz-json-1.1', JSON.stringify({ __type: fault.code, message: fault.message }));
      if (action !== 'PutEvaluations') return send(res, 400, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'UnknownOperationException', message: action }));
      if (typeof input.ResultToken !== 'string' || input.ResultToken === '') {
        return send(res, 400, 'application/x-amz-json-1.1', JSON.stringify({ __type: 'InvalidResultTokenException', message: 'The specified ResultToken is not valid.' }));
      }
      const invalid = invalidEvaluations(input.Evaluations);
      if (invalid) return send(res, 400, 'application/x-amz-json-1.1', JSON.stringify({ __type: invalid.code, message: invalid.message }));
      org.evaluations.push({ resultToken: input.ResultToken, evaluations: (input.Evaluations ?? []) as Record<string, unknown>[] });
      return send(res, 200, 'application/x-amz-json-1.1', JSON.stringify({ FailedEvaluations: [] }));
    }

    const params = parseForm(body);
    const action = params.get('Action') ?? '';
    org.calls.push({ ...caller, service: scope.service, action, params: Object.fromEntries(params) });
    const namespace = scope.service === 'sts' ? STS_NS : CFN_NS;
    const fault = takeFault(org, caller, action);
    if (fault) return send(res, fault.status, 'text/xml', queryError(namespace, fault.code, fault.message, randomUUID()));

    if (scope.service === 'sts') {
      return query(res, STS_NS, () => {
        if (action !== 'AssumeRole') throw new ServiceError(400, 'InvalidAction', `Could not find operation ${action}`);
        const roleArn = params.get('RoleArn') ?? '';
        if (!org.assumableRoles.has(roleArn)) {
          throw new ServiceError(403, 'AccessDenied', `User: ${identity.principal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
        }
        const account = roleArn.split(':')[4];
        sessions += 1;
        const accessKey = `ASIA${account}${String(sessions).padStart(4, '0')}`;
        identities.set(accessKey, { account, principal: roleArn });
        const session = params.get('RoleSessionName') ?? 'session';
        return {
          action,
          result: {
            Credentials: { AccessKeyId: accessKey, SecretAccessKey: `secret-${sessions}`, SessionToken: `token-${sessions}`, Expiration: new Date(Date.now() + 3600_000) },
            AssumedRoleUser: { AssumedRoleId: `AROA${account}:${session}`, Arn: `arn:aws:sts::${account}:assumed-role/${roleArn.split('/').pop()}/${session}` },
          },
        };
      });
    }
    return query(res, CFN_NS, () => {
      const handler = CLOUDFORMATION[action];
      if (!handler) throw new ServiceError(400, 'InvalidAction', `Could not find operation ${action} for version 2010-05-15`);
      return { action, result: handler(org, caller, params) };
    });
  };

  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight += 1;
    org.maxInFlight = Math.max(org.maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (org.delayMs > 0) setTimeout(() => handle(req, res, body), org.delayMs);
      else handle(req, res, body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get org() {
      return org;
    },
    use: (next) => {
      org = next;
    },
    accessKey,
    accessKeyFor: (account, role) => {
      const key = `AKIA${account}${String(identities.size).padStart(4, '0')}`;
      identities.set(key, { account, principal: `arn:aws:iam::${account}:role/${role}` });
      return key;
    },
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}
