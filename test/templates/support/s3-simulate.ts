/**
 * What S3 decides for a request under a bucket policy, offline, through
 * @cloud-copilot/iam-simulate: the caller is a role of the bucket's own account whose
 * identity policy allows every S3 action, so only an explicit Deny in the bucket policy
 * can stop it, and whether the request came over TLS is the `aws:SecureTransport` key.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';

export type S3Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface S3Request {
  readonly action: 's3:GetObject' | 's3:PutObject' | 's3:ListBucket';
  readonly bucket: string;
  readonly secureTransport: boolean;
  readonly account: string;
}

const ALLOW_ALL_S3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };

export async function decideS3(policy: unknown, request: S3Request): Promise<S3Decision> {
  const resource = request.action === 's3:ListBucket' ? `arn:aws:s3:::${request.bucket}` : `arn:aws:s3:::${request.bucket}/reports/2026.csv`;
  const response = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${request.account}:role/data-reader`,
        action: request.action,
        resource: { resource, accountId: request.account },
        contextVariables: {
          'aws:SecureTransport': String(request.secureTransport),
          'aws:PrincipalAccount': request.account,
          'aws:ResourceAccount': request.account,
        },
      },
      identityPolicies: [{ name: 'S3Access', policy: ALLOW_ALL_S3 }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy as never,
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(`the simulator refused the policy: ${JSON.stringify(response.errors)}`);
  return response.overallResult;
}
