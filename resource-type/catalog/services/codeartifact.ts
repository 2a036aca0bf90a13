import { KMS } from '../actions';
import { defineService, viaService } from '../define';

export const codeartifact = defineService({
  id: 'codeartifact',
  attributeName: 'CodeArtifact',
  displayName: 'AWS CodeArtifact',
  defaultDescription: 'KMS key for AWS CodeArtifact domain encryption',
  purpose: 'Package assets of a CodeArtifact domain (the key is set when the domain is created).',
  docLinks: [{ title: 'Create a domain (AWS CodeArtifact)', url: 'https://docs.aws.amazon.com/codeartifact/latest/ug/domain-create.html' }],
  viaService: [
    viaService('ViaCodeArtifact', ['codeartifact'], [KMS.Decrypt, KMS.DescribeKey, KMS.Encrypt, KMS.GenerateDataKeyAll],
      'Domain creation needs DescribeKey and CreateGrant; CodeArtifact then uses grants.',
      { grantActions: [KMS.CreateGrant], uncertain: true }),
  ],
  facts: [{ text: 'The domain key cannot be changed after creation.' }],
});
