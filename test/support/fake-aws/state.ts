/**
 * What the stand-in AWS knows: a StackSet in the administrator account and, per member
 * account and region, the Hook type, its configuration, the member stack and the drift
 * detection result of the Hook function. Tests build a healthy organisation, then break it.
 */
export interface StackInstance {
  account: string;
  region: string;
  stackId: string;
  status: 'CURRENT' | 'OUTDATED' | 'INOPERABLE';
  detailedStatus: 'SUCCEEDED' | 'FAILED' | 'RUNNING' | 'PENDING' | 'CANCELLED' | 'INOPERABLE';
  driftStatus: 'DRIFTED' | 'IN_SYNC' | 'UNKNOWN' | 'NOT_CHECKED';
  statusReason?: string;
}

export interface StackResourceState {
  logicalId: string;
  physicalId: string;
  type: string;
}

export interface MemberState {
  hookType?: { typeName: string; arn: string; defaultVersionId?: string; deprecated?: boolean };
  /** The type configuration document, or undefined when none was ever set. */
  configuration?: Record<string, unknown>;
  /** Answer BatchDescribeTypeConfigurations with this entry in Errors instead (ErrorCode: 3 characters, as documented). */
  configurationError?: { code: string; message: string };
  stack?: {
    name: string;
    id: string;
    status: string;
    statusReason?: string;
    parameters: Record<string, string>;
    driftStatus: 'DRIFTED' | 'IN_SYNC' | 'UNKNOWN' | 'NOT_CHECKED';
    resources: StackResourceState[];
  };
  functionDrift?: { status: 'IN_SYNC' | 'MODIFIED' | 'DELETED' | 'NOT_CHECKED'; differences?: { path: string; expected: string; actual: string }[] };
}

/** A fault answered instead of the real response, for calls matching every given field. */
export interface Fault {
  account?: string;
  region?: string;
  action?: string;
  status: number;
  code: string;
  message: string;
  /** Answer the fault this many times, then behave (default: always). */
  times?: number;
}

export interface Call {
  readonly account: string;
  readonly region: string;
  readonly service: string;
  readonly action: string;
  readonly params: Record<string, unknown>;
}

export interface FakeOrganisation {
  adminAccount: string;
  stackSet?: { name: string; id: string; parameters: Record<string, string>; instances: StackInstance[] };
  members: Map<string, MemberState>;
  /** Role ARNs that may be assumed (by the administrator account's caller). */
  assumableRoles: Set<string>;
  faults: Fault[];
  calls: Call[];
  /** PutEvaluations requests received (Config). */
  evaluations: { resultToken: string; evaluations: Record<string, unknown>[] }[];
  /** ListStackInstances page size (AWS pages; a small one exercises pagination). */
  pageSize: number;
  /** Each answer waits this long (lets a test see how many requests overlap). */
  delayMs: number;
  /** The most requests ever in flight at once. */
  maxInFlight: number;
}

export const memberKey = (account: string, region: string): string => `${account}/${region}`;

export function member(org: FakeOrganisation, account: string, region: string): MemberState {
  const key = memberKey(account, region);
  if (!org.members.has(key)) org.members.set(key, {});
  return org.members.get(key)!;
}
