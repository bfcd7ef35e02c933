import type { ResolvedResource } from '../../cfn';

/**
 * Why the Hook will never be invoked for a resource, or undefined when it will. Custom
 * resources and CDK metadata are not registry resources; module types are expanded into
 * their resources before hooks run; SAM resources are expanded by their transform; and a
 * resource whose Condition is false is never created.
 */
export function skipReason(resource: Pick<ResolvedResource, 'type' | 'conditionFalse'>, condition: string | undefined): string | undefined {
  const { type } = resource;
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    return 'custom resource: CloudFormation does not invoke hooks for it';
  }
  if (type === 'AWS::CDK::Metadata') return 'CDK metadata: CloudFormation does not invoke hooks for it';
  if (type.endsWith('::MODULE')) return 'module: CloudFormation expands it into resources, which the Hook checks at deploy time';
  if (type.startsWith('AWS::Serverless::')) {
    return 'SAM resource: the AWS::Serverless transform expands it into resources, which the Hook checks at deploy time';
  }
  if (resource.conditionFalse) return `condition ${condition ?? '?'} is false: CloudFormation will not create it`;
  return undefined;
}
