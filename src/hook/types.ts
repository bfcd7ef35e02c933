/**
 * Hook protocol types, named as in the official CloudFormation hook libraries
 * (cloudformation-cli-python-lib, cloudformation-cli-java-plugin).
 */
export enum HookInvocationPoint {
  CREATE_PRE_PROVISION = 'CREATE_PRE_PROVISION',
  UPDATE_PRE_PROVISION = 'UPDATE_PRE_PROVISION',
  DELETE_PRE_PROVISION = 'DELETE_PRE_PROVISION',
}

export enum HookStatus {
  SUCCESS = 'SUCCESS',
  FAILED = 'FAILED',
  IN_PROGRESS = 'IN_PROGRESS',
}

export enum HandlerErrorCode {
  NotUpdatable = 'NotUpdatable',
  InvalidRequest = 'InvalidRequest',
  AccessDenied = 'AccessDenied',
  InvalidCredentials = 'InvalidCredentials',
  AlreadyExists = 'AlreadyExists',
  NotFound = 'NotFound',
  ResourceConflict = 'ResourceConflict',
  Throttling = 'Throttling',
  ServiceLimitExceeded = 'ServiceLimitExceeded',
  NotStabilized = 'NotStabilized',
  GeneralServiceException = 'GeneralServiceException',
  ServiceInternalError = 'ServiceInternalError',
  NetworkFailure = 'NetworkFailure',
  InternalFailure = 'InternalFailure',
  InvalidTypeConfiguration = 'InvalidTypeConfiguration',
  HandlerInternalFailure = 'HandlerInternalFailure',
  NonCompliant = 'NonCompliant',
  Unknown = 'Unknown',
  UnsupportedTarget = 'UnsupportedTarget',
}

/** Temporary credentials as CloudFormation sends them (inside a JSON string, or as an object). */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface HookRequestData {
  targetName: string;
  targetType?: string;
  targetLogicalId?: string;
  targetModel?: {
    resourceProperties?: Record<string, unknown>;
    previousResourceProperties?: Record<string, unknown>;
  };
  /** Stack-level targets (STACK, CHANGE_SET) send a URL to the payload instead of a target model. */
  payload?: string | null;
  callerCredentials?: string | Credentials;
  providerCredentials?: string | Credentials;
  providerLogGroupName?: string;
  hookEncryptionKeyArn?: string;
  hookEncryptionKeyRole?: string;
}

export interface HookInvocationRequest {
  clientRequestToken: string;
  awsAccountId: string;
  stackId: string;
  changeSetId?: string;
  hookTypeName: string;
  hookTypeVersion?: string;
  hookModel?: Record<string, unknown>;
  actionInvocationPoint: HookInvocationPoint;
  requestData: HookRequestData;
  requestContext?: { invocation?: number; callbackContext?: Record<string, unknown> };
}

export enum HookAnnotationStatus {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}

export enum HookAnnotationSeverityLevel {
  INFORMATIONAL = 'INFORMATIONAL',
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

/** One check's outcome, shown with the hook result (Hooks guide, "annotations"). */
export interface HookAnnotation {
  annotationName: string;
  status: HookAnnotationStatus;
  statusMessage?: string;
  remediationMessage?: string;
  remediationLink?: string;
  severityLevel?: HookAnnotationSeverityLevel;
}

export interface HookProgressEvent {
  hookStatus: HookStatus;
  errorCode?: HandlerErrorCode;
  message?: string;
  clientRequestToken?: string;
  callbackContext?: Record<string, unknown>;
  callbackDelaySeconds: number;
  annotations?: HookAnnotation[];
}
