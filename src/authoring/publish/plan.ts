import type { LocalTemplate } from './local-files';

/** What S3 says about one existing object. */
export interface RemoteObject {
  readonly key: string;
  /** `x-amz-meta-sha256` written by an earlier publish. */
  readonly sha256?: string;
  /** Without quotes. */
  readonly etag?: string;
}

export type ActionKind = 'add' | 'change' | 'unchanged' | 'delete' | 'extra';

export interface Action {
  readonly kind: ActionKind;
  readonly key: string;
  readonly local?: LocalTemplate;
}

/**
 * The object already holds this content: our own sha256 metadata decides; objects
 * uploaded by other tools fall back to the ETag, which is the MD5 of the body for
 * single-part uploads (a multipart ETag contains '-' and never matches).
 */
export function sameContent(local: LocalTemplate, remote: RemoteObject): boolean {
  if (remote.sha256 !== undefined) return remote.sha256 === local.sha256;
  return remote.etag !== undefined && !remote.etag.includes('-') && remote.etag.toLowerCase() === local.md5;
}

/**
 * Local templates against the objects under the prefix. Objects that are not in the
 * folder are deleted only when asked (`--delete`); otherwise they are reported as extra.
 */
export function planPublish(local: readonly LocalTemplate[], remote: readonly RemoteObject[], prefix: string, allowDelete: boolean): Action[] {
  const byKey = new Map(remote.map((r) => [r.key, r]));
  const actions: Action[] = local.map((template) => {
    const key = `${prefix}${template.name}`;
    const existing = byKey.get(key);
    const kind: ActionKind = !existing ? 'add' : sameContent(template, existing) ? 'unchanged' : 'change';
    return { kind, key, local: template };
  });
  const localKeys = new Set(actions.map((a) => a.key));
  for (const object of remote) {
    if (!localKeys.has(object.key)) actions.push({ kind: allowDelete ? 'delete' : 'extra', key: object.key });
  }
  return actions;
}
