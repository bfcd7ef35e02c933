import type { ResolvedResource } from '../cfn';
import type { Operation } from '../engine/enforcer';

/** Policies under which deleting the stack (or removing the resource from it) keeps the resource. */
const RETAINING = new Set(['Retain', 'RetainExceptOnCreate']);

/**
 * Why the Hook will never be invoked for a resource, or undefined when it will. Custom
 * resources and CDK metadata are not registry resources; module types are expanded into
 * their resources before hooks run; SAM resources are expanded by their transform; and a
 * resource whose Condition is false is never created. On delete, a resource whose
 * DeletionPolicy keeps it is not deleted, so the delete hook is not invoked for it.
 */
export function skipReason(
  resource: Pick<ResolvedResource, 'type' | 'conditionFalse' | 'deletionPolicy'>,
  condition: string | undefined,
  operation: Operation = 'CREATE',
): string | undefined {
  const { type } = resource;
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
    return 'custom resource: CloudFormation does not invoke hooks for it';
  }
  if (type === 'AWS::CDK::Metadata') return 'CDK metadata: CloudFormation does not invoke hooks for it';
  if (type.endsWith('::MODULE')) return 'module: CloudFormation expands it into resources, which the Hook checks at deploy time';
  if (type.startsWith('AWS::Serverless::')) {
    return 'SAM resource: the AWS::Serverless transform expands it into resources, which the Hook checks at deploy time';
  }
  // schema.json targets AWS::* only: third-party, private and macro-made types never reach the Hook.
  if (!type.startsWith('AWS::')) return `not an AWS:: type: the Hook targets AWS::* resource types only`;
  if (resource.conditionFalse) return `condition ${condition ?? '?'} is false: CloudFormation will not create it`;
  if (operation === 'DELETE' && resource.deletionPolicy !== undefined && RETAINING.has(resource.deletionPolicy)) {
    return `DeletionPolicy ${resource.deletionPolicy}: CloudFormation keeps it`;
  }
  return undefined;
}
