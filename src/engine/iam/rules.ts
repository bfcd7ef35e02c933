/** The rules of the policy keywords: ids and titles shown with every finding (Hook and validate alike). */
export interface IamRule {
  readonly rule: string;
  readonly title: string;
  readonly remediation: string;
  /** Control Tower proactive controls the rule implements (reported with its findings). */
  readonly controls?: readonly string[];
}

export const IAM_RULES = {
  malformed: { rule: 'RCFGE-IAM-1', title: 'Policy actions are written service:Action', remediation: 'Write each action as service:Action (e.g. s3:GetObject), or "*" in a Deny.' },
  broadGrant: {
    rule: 'RCFGE-IAM-2',
    title: 'Allow statements grant no all-action or whole-service wildcard',
    remediation: 'List the actions the workload needs (s3:GetObject, s3:PutObject), not "*" or "service:*": a wildcard also grants every action AWS adds later. Deny statements may use them.',
    controls: ['CT.IAM.PR.1', 'CT.IAM.PR.2', 'CT.IAM.PR.3', 'CT.IAM.PR.5'],
  },
  notInCatalogue: {
    rule: 'RCFGE-IAM-3',
    title: 'Policy actions are in the approved IAM catalogue',
    remediation: 'Fix the spelling (the finding names the closest action); an action AWS added recently is refused until the security team approves it (rcfge iam-catalogue update, review, rcfge publish).',
  },
  notAction: { rule: 'RCFGE-IAM-4', title: 'Allow statements do not use NotAction', remediation: 'Use Action with the actions needed; NotAction belongs in Deny statements.', controls: ['CT.IAM.PR.3', 'CT.IAM.PR.5'] },
  privileged: {
    rule: 'RCFGE-IAM-5',
    title: 'Privileged actions are not granted on every resource',
    remediation: 'Name the roles, users or policies the action applies to in Resource (e.g. arn:aws:iam::<account>:role/app-*), or ask the security team to approve the action in the Hook\'s TemplateParameters (ApprovedPrivilegedActions).',
  },
  variableCase: { rule: 'RCFGE-IAM-6', title: 'Policy variables are written as IAM spells them', remediation: 'Write policy variables exactly as documented, e.g. ${aws:username}, ${aws:PrincipalTag/team}.' },
  size: { rule: 'RCFGE-IAM-7', title: 'Policy documents fit the IAM size quota', remediation: 'Shorten the policy: merge statements, drop duplicate principals or conditions, or split the access across roles.' },
  explicit: { rule: 'RCFGE-IAM-8', title: 'Allow statements name their actions without wildcards', remediation: 'Replace the wildcard with the actions the workload needs.' },
} as const satisfies Record<string, IamRule>;

/** One violation inside a statement or document, at a JSON Pointer relative to it. */
export interface IamViolation extends IamRule {
  readonly path: string;
  readonly message: string;
}
