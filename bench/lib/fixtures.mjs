// Inputs for the bench: HookInvocationRequests shaped like CloudFormation's, properties taken
// from the compliant example stacks, and templates generated from the registry schemas.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.mjs';

export const BUCKET = 'rcfge-templates';
export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/demo-stack/5b2a7c40-7e0b-11ef-8d2e-0a1b2c3d4e5f`;

export const EXAMPLE_REQUEST = join(ROOT, 'examples', 'requests', '1-bucket-own-topic.compliant.json');

export function exampleRequest() {
  return JSON.parse(readFileSync(EXAMPLE_REQUEST, 'utf8'));
}

/** CloudFormation sends every primitive property value as a string. */
export function asCfnStrings(value) {
  if (Array.isArray(value)) return value.map(asCfnStrings);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCfnStrings(v)]));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

/** A request for one resource, on the example's configuration (bucket, prefix, parameters) unless overridden. */
export function hookRequest({ typeName, logicalId, properties, hookModel = {}, token = logicalId }) {
  const base = exampleRequest();
  return {
    ...base,
    clientRequestToken: token,
    hookModel: { ...base.hookModel, ...hookModel },
    requestData: { ...base.requestData, targetName: typeName, targetLogicalId: logicalId, targetModel: { resourceProperties: properties } },
  };
}

function deletePointer(root, pointer) {
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = root;
  for (const t of tokens.slice(0, -1)) node = node?.[t];
  if (node && typeof node === 'object') {
    if (Array.isArray(node)) node.splice(Number(tokens.at(-1)), 1);
    else delete node[tokens.at(-1)];
  }
}

/**
 * One compliant resource per baseline template, from examples/stacks/*-compliant.yaml, resolved
 * for the request's account and region. Values only known at deploy time are dropped.
 */
export function compliantResources(support) {
  const dir = join(ROOT, 'examples', 'stacks');
  const ctx = { accountId: ACCOUNT, region: REGION, partition: 'aws', stackName: 'demo-stack', stackId: STACK_ID, parameterOverrides: {} };
  const byType = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('-compliant.yaml')).sort()) {
    const stack = support.readStackTemplate(join(dir, file));
    for (const resource of stack.resources) {
      if (byType.has(resource.type)) continue;
      const resolved = support.resolveResource(stack, resource, ctx);
      if (resolved.conditionFalse) continue;
      const properties = structuredClone(resolved.properties ?? {});
      for (const pointer of [...resolved.unresolved].reverse()) deletePointer(properties, pointer);
      byType.set(resource.type, asCfnStrings(properties));
    }
  }
  return byType;
}

/** A compliant bucket for both tools: the S3 template and Control Tower's CT.S3.PR.* rules. */
export function benchBucket(i) {
  return {
    BucketName: `bench-bucket-${String(i).padStart(4, '0')}`,
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0b8d3f4e-1a2b-4c5d-8e9f-${String(i).padStart(12, '0')}` }, BucketKeyEnabled: true },
      ],
    },
    VersioningConfiguration: { Status: 'Enabled' },
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    LoggingConfiguration: { DestinationBucketName: 'bench-access-logs', LogFilePrefix: `bucket-${i}/` },
    LifecycleConfiguration: {
      Rules: [{ Id: 'expire-old-versions', Status: 'Enabled', ExpirationInDays: 3650, NoncurrentVersionExpiration: { NoncurrentDays: 90 } }],
    },
    NotificationConfiguration: { TopicConfigurations: [{ Event: 's3:ObjectCreated:*', Topic: `arn:aws:sns:${REGION}:${ACCOUNT}:bucket-events` }] },
    ObjectLockEnabled: true,
    ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } },
    Tags: [{ Key: 'owner', Value: 'bench' }],
  };
}

export function bucketStack(count) {
  const Resources = {};
  for (let i = 0; i < count; i++) Resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket', Properties: benchBucket(i) };
  return { AWSTemplateFormatVersion: '2010-09-09', Description: `${count} S3 buckets (bench)`, Resources };
}
