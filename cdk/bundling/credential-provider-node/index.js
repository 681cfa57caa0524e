// Stands in for @aws-sdk/credential-provider-node (≈0.1 MB bundled with the STS, SSO and
// sign-in clients it pulls in): Lambda hands a function its role's credentials in
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, the first link of the
// default chain, so its other links (ini files, SSO, process, web identity, IMDS) never run
// there. A bundle reads the environment only.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => fromEnv(init);
export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
