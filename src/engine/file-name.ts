/** Registry type names: `Org::Service::Resource`, each part 2-64 alphanumerics (CloudFormation API pattern). */
const TYPE_NAME = /^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/;

export function isTypeName(value: unknown): value is string {
  return typeof value === 'string' && TYPE_NAME.test(value);
}

const fileNames = new Map<string, string>();

/** `AWS::S3::Bucket` -> `aws-s3-bucket.json`, the registry's own schema file name. */
export function templateFileName(typeName: string): string {
  let file = fileNames.get(typeName);
  if (file === undefined) {
    file = `${typeName.toLowerCase().split('::').join('-')}.json`;
    // Type names are a closed set (about 1,500), but the map is bounded anyway.
    if (fileNames.size < 4096) fileNames.set(typeName, file);
  }
  return file;
}
