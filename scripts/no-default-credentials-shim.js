// Stands in for `@aws-sdk/credential-provider-node` in the registry handler bundle only. The
// registry handler always builds its SDK clients with the caller credentials CloudFormation sends
// in the request (handlers/registry/operation-input.ts refuses a request without them), so the
// default credential chain (env, SSO, INI, web identity, IMDS, ...) is dead code there: ~30 KB
// zipped. The custom resource keeps the real chain (it runs with its Lambda role).
exports.defaultProvider = () => async () => {
  throw new Error(
    'The default AWS credential chain is not bundled in the registry handler; credentials come from the CloudFormation request.',
  );
};
