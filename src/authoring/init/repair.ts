/** One change `rcfge init` made to a registry wart the engine refuses; printed as a warning. */
export interface Repair {
  readonly pointer: string;
  readonly message: string;
}

/** Leaves a note on the schema itself (`$comment`: x-rcfge only allows delete/remediation/open). */
export function annotate(node: Record<string, unknown>, note: string): void {
  node.$comment = typeof node.$comment === 'string' && node.$comment !== '' ? `${node.$comment} ${note}` : note;
}
