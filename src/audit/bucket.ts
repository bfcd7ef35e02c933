import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { errorName, reasonOf } from './errors';
import { type Check, drift, type Expectation, ok, unknown } from './types';

/**
 * The templates bucket answers: one page of listing under the template prefix, with the
 * owner the Hook expects. An empty prefix is drift (the Hook would refuse every type); a refusal or
 * a network fault is "cannot check".
 */
export async function checkBucket(s3: S3Client, expected: Expectation): Promise<Check> {
  const where = `s3://${expected.templateBucket}/${expected.templatePrefix}`;
  try {
    const answer = await s3.send(
      new ListObjectsV2Command({ Bucket: expected.templateBucket, Prefix: expected.templatePrefix, ExpectedBucketOwner: expected.templateBucketOwner }),
    );
    const count = answer.KeyCount ?? answer.Contents?.length ?? 0;
    if (count === 0) return drift('bucket', `${where} holds no template: the Hook refuses every type`);
    return ok('bucket', `${where} answers (${count}${answer.IsTruncated ? '+' : ''} objects)`);
  } catch (error) {
    if (errorName(error) === 'NoSuchBucket') return drift('bucket', `${where}: the bucket does not exist`);
    return unknown('bucket', `${where}: ${reasonOf(error)}`);
  }
}
