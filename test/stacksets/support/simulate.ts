/**
 * One offline IAM decision through @cloud-copilot/iam-simulate, with the request
 * context AWS would attach (principal ARN, account and organisation, resource
 * account, TLS) filled in, and the deciding statements reported by Sid so that
 * a test can say which statement it depends on.
 */
import { getDenialReasons, getGrantReasons, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { ORG_ID, type PolicyDocument, type Statement } from './org';

export class SimulationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationInputError';
  }
}

export type Caller = { account: string; role: string; inOrg: boolean };

export type Request = {
  caller: Caller;
  action: string;
  resource: string;
  resourceAccount: string;
  identityPolicies?: { name: string; policy: PolicyDocument }[];
  resourcePolicy?: PolicyDocument;
  scps?: { name: string; policy: PolicyDocument }[];
  context?: Record<string, string | string[]>;
};

export type Decision = {
  result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  /** Sids of the explicit Deny statements that decided, "<policy>:<Sid>" for SCPs. */
  deniedBy: string[];
  /** Sids of the Allow statements that granted. */
  allowedBy: string[];
};

export const ADMINISTRATOR_ACCESS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AdministratorAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
};

const FULL_AWS_ACCESS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
};

export function requestContext(caller: Caller, resourceAccount: string): Record<string, string> {
  return {
    'aws:PrincipalArn': `arn:aws:iam::${caller.account}:role/${caller.role}`,
    'aws:PrincipalAccount': caller.account,
    'aws:PrincipalType': 'AssumedRole',
    ...(caller.inOrg ? { 'aws:PrincipalOrgID': ORG_ID } : {}),
    'aws:ResourceAccount': resourceAccount,
    'aws:SecureTransport': 'true',
  };
}

export async function decide(request: Request): Promise<Decision> {
  const { caller } = request;
  const simulation: Simulation = {
    request: {
      principal: `arn:aws:sts::${caller.account}:assumed-role/${caller.role}/test-session`,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: { ...requestContext(caller, request.resourceAccount), ...request.context },
    },
    identityPolicies: request.identityPolicies ?? [],
    // FullAWSAccess stays attached at the root, as in every organisation.
    serviceControlPolicies: [
      { orgIdentifier: 'r-root', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }] },
      ...(request.scps ? [{ orgIdentifier: 'ou-abcd-11111111', policies: [{ name: 'FullAWSAccess', policy: FULL_AWS_ACCESS }, ...request.scps] }] : []),
    ],
    resourceControlPolicies: [],
    ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') throw new SimulationInputError(JSON.stringify(response.errors));
  if (response.resultType === 'wildcard' && response.results.length !== 1) {
    throw new SimulationInputError(`expected one simulated resource, got ${response.results.length}`);
  }
  const analysis = response.resultType === 'single' ? response.result.analysis : response.results[0].analysis;
  const label = (r: { policyType: string; statementId?: string; policyIdentifier?: string; statementIndex?: number }): string =>
    `${r.policyType === 'scp' ? `${r.policyIdentifier}:` : ''}${r.statementId ?? `#${r.statementIndex}`}`;
  return {
    result: response.overallResult,
    deniedBy: getDenialReasons(analysis).filter((r) => r.denialType === 'Explicit').map(label),
    allowedBy: getGrantReasons(analysis).map(label),
  };
}

/** A deep copy of a policy with one statement changed, for the mutation tests. */
export function mutate(policy: PolicyDocument, sid: string, change: (statement: Statement) => void): PolicyDocument {
  const copy = structuredClone(policy);
  const statement = copy.Statement.find((s) => s.Sid === sid);
  if (!statement) throw new SimulationInputError(`no statement ${sid} in the policy`);
  change(statement);
  return copy;
}

/** Removes a condition key wherever it appears in the statement's Condition block. */
export function dropConditionKey(statement: Statement, key: string): void {
  let found = false;
  for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
    if (key in block) {
      delete block[key];
      found = true;
      if (Object.keys(block).length === 0) delete statement.Condition![operator];
    }
  }
  if (!found) throw new SimulationInputError(`statement ${statement.Sid} has no condition on ${key}`);
  if (statement.Condition && Object.keys(statement.Condition).length === 0) delete statement.Condition;
}

/** Removes one action from the statement's Action list (the mutation of "this action is what stops it"). */
export function dropAction(statement: Statement, action: string): void {
  const actions = [statement.Action].flat() as string[];
  if (!actions.includes(action)) throw new SimulationInputError(`statement ${statement.Sid} has no action ${action}`);
  statement.Action = actions.filter((a) => a !== action);
}

export function withoutStatement(policy: PolicyDocument, sid: string): PolicyDocument {
  const copy = structuredClone(policy);
  const before = copy.Statement.length;
  copy.Statement = copy.Statement.filter((s) => s.Sid !== sid);
  if (copy.Statement.length === before) throw new SimulationInputError(`no statement ${sid} in the policy`);
  return copy;
}
