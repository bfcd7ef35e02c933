/** The rules of the policy keywords: ids and titles shown with every finding (Hook and validate alike). */
export interface IamRule {
  readonly rule: string;
  readonly title: string;
}

export const IAM_RULES = {
  malformed: { rule: 'RCFGE-IAM-1', title: 'Policy actions are written service:Action' },
  broadGrant: { rule: 'RCFGE-IAM-2', title: 'Allow statements grant no all-action or whole-service wildcard' },
  notInCatalogue: { rule: 'RCFGE-IAM-3', title: 'Policy actions are in the approved IAM catalogue' },
  notAction: { rule: 'RCFGE-IAM-4', title: 'Allow statements do not use NotAction' },
  privileged: { rule: 'RCFGE-IAM-5', title: 'Privileged actions are not granted on every resource' },
  variableCase: { rule: 'RCFGE-IAM-6', title: 'Policy variables are written as IAM spells them' },
  size: { rule: 'RCFGE-IAM-7', title: 'Policy documents fit the IAM size quota' },
  explicit: { rule: 'RCFGE-IAM-8', title: 'Allow statements name their actions without wildcards' },
} as const satisfies Record<string, IamRule>;

/** One violation inside a statement or document, at a JSON Pointer relative to it. */
export interface IamViolation extends IamRule {
  readonly path: string;
  readonly message: string;
}
