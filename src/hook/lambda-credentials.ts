import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Build-time stand-in for `@aws-sdk/credential-provider-node` in the Hook bundle only
 * (scripts/build.mjs). A registered Hook gets its credentials in the request; a Lambda
 * Hook's runtime always provides the execution role in the environment. The full chain
 * (SSO, INI files, processes, IMDS) would add about 110 KB to every cold start for
 * sources a Lambda never has. The CLI keeps the full chain.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);

export const credentialsWillNeedRefresh = (credentials?: { expiration?: Date }): boolean => credentials?.expiration !== undefined;

export const credentialsTreatedAsExpired = (credentials?: { expiration?: Date }): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
