import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const codeartifact = defineService({
  id: 'codeartifact',
  attributeName: 'CodeArtifact',
  displayName: 'AWS CodeArtifact',
  defaultDescription: 'KMS key for AWS CodeArtifact domain encryption',
  purpose: 'Package assets of a CodeArtifact domain (the key is set when the domain is created).',
  docLinks: [
    {
      title: 'Create a domain: example AWS KMS key policy (AWS CodeArtifact)',
      url: 'https://docs.aws.amazon.com/codeartifact/latest/ug/domain-create.html#create-domain-kms-key-policy-example',
    },
  ],
  viaService: [
    viaService(
      'ViaCodeArtifact',
      ['codeartifact'],
      [KMS.DescribeKey],
      "CreateDomain needs DescribeKey and CreateGrant through CodeArtifact (AWS's example key policy allows exactly these two); CodeArtifact then uses its grant, so package reads and writes need no key permission.",
      { grantActions: [KMS.CreateGrant] },
    ),
  ],
  facts: [
    { text: 'The domain key cannot be changed after creation.' },
    {
      text: "AWS's example key policy allows CreateGrant through codeartifact.<region>.amazonaws.com without kms:GrantIsForAWSResource; this key set keeps that condition (integrated services send it when they create grants). Not confirmed for CodeArtifact: if CreateDomain fails with AccessDenied on CreateGrant, add an AdditionalPolicyStatements statement without it.",
      uncertain: true,
    },
  ],
});
