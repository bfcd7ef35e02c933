/** One entry of a change set as the Hook receives it (CHANGE_SET target payload). */
export interface ChangedResource {
  readonly action: 'CREATE' | 'UPDATE' | 'DELETE';
  readonly logicalId: string;
  readonly type: string;
  /** Line of the resource in the change set's template, when CloudFormation gives it. */
  readonly line?: number;
  /** `Properties` before the change (UPDATE, DELETE), values as CloudFormation knows them (strings). */
  readonly before?: Record<string, unknown>;
  /** `Properties` after the change (CREATE, UPDATE). */
  readonly after?: Record<string, unknown>;
  /** Resource attributes, when the context carries them (`DeletionPolicy`, `UpdateReplacePolicy`). */
  readonly deletionPolicy?: string;
  readonly updateReplacePolicy?: string;
}

export interface StackPayload {
  readonly kind: 'STACK';
  /** Template text as given to CloudFormation (JSON or YAML); empty on a stack deletion. */
  readonly template: string;
  readonly previousTemplate: string;
}

export interface ChangeSetPayload {
  readonly kind: 'CHANGE_SET';
  readonly template: string;
  readonly changes: readonly ChangedResource[];
}
