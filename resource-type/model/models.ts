// Generated from schema/org-security-servicekmskeys.json by scripts/generators/models.ts — do not edit.
// Run "npm run generate" after changing the schema; "npm run check:generated" fails when this file is stale.
/* eslint-disable */
import { BaseModel, Dict, integer, Integer, Optional, transformValue } from '@amazon-web-services-cloudformation/cloudformation-cli-typescript-lib';
import { Exclude, Expose, Transform, Type } from 'class-transformer';

export class ResourceModel extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';

    @Exclude()
    protected readonly IDENTIFIER_KEY_PROJECTCODE: string = '/properties/ProjectCode';

    @Exclude()
    public getPrimaryIdentifier(): Dict | null {
        const identifier: Dict = {};
        if (this.projectCode != null) {
            identifier[this.IDENTIFIER_KEY_PROJECTCODE] = this.projectCode;
        }
        // only return the identifier if it can be used, i.e. if all components are present
        return Object.keys(identifier).length === 1 ? identifier : null;
    }

    @Exclude()
    public getAdditionalIdentifiers(): Array<Dict> | null {
        const identifiers: Array<Dict> = new Array<Dict>();
        // only return the identifiers if any can be used
        return identifiers.length === 0 ? null : identifiers;
    }

    @Expose({ name: 'ProjectCode' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'projectCode', value, obj, []),
        { toClassOnly: true },
    )
    projectCode?: Optional<string>;

    @Expose({ name: 'Services' })
    @Type(() => ServiceKey)
    services?: Optional<Array<ServiceKey>>;

    @Expose({ name: 'KeyAdministratorArns' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'keyAdministratorArns', value, obj, [Set]),
        { toClassOnly: true },
    )
    keyAdministratorArns?: Optional<Set<string>>;

    @Expose({ name: 'KeyUserArns' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'keyUserArns', value, obj, [Set]),
        { toClassOnly: true },
    )
    keyUserArns?: Optional<Set<string>>;

    @Expose({ name: 'TrustedAccountIds' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'trustedAccountIds', value, obj, [Set]),
        { toClassOnly: true },
    )
    trustedAccountIds?: Optional<Set<string>>;

    @Expose({ name: 'TrustedOrganizationId' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'trustedOrganizationId', value, obj, []),
        { toClassOnly: true },
    )
    trustedOrganizationId?: Optional<string>;

    @Expose({ name: 'TrustedOrganizationalUnitPaths' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'trustedOrganizationalUnitPaths', value, obj, [Set]),
        { toClassOnly: true },
    )
    trustedOrganizationalUnitPaths?: Optional<Set<string>>;

    @Expose({ name: 'CrossAccountAccessViaService' })
    @Transform(
        ({ value, obj }) => transformValue(Boolean, 'crossAccountAccessViaService', value, obj, []),
        { toClassOnly: true },
    )
    crossAccountAccessViaService?: Optional<boolean>;

    @Expose({ name: 'PendingWindowInDays' })
    @Transform(
        ({ value, obj }) => transformValue(Integer, 'pendingWindowInDays', value, obj, []),
        { toClassOnly: true },
    )
    pendingWindowInDays?: Optional<integer>;

    @Expose({ name: 'PrimaryRegion' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'primaryRegion', value, obj, []),
        { toClassOnly: true },
    )
    primaryRegion?: Optional<string>;

    @Expose({ name: 'Tags' })
    @Type(() => Tag)
    tags?: Optional<Array<Tag>>;

    @Expose({ name: 'Keys' })
    @Type(() => Keys)
    keys?: Optional<Keys>;
}

export class ServiceKey extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';

    @Expose({ name: 'Service' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'service', value, obj, []),
        { toClassOnly: true },
    )
    service?: Optional<string>;

    @Expose({ name: 'Enabled' })
    @Transform(
        ({ value, obj }) => transformValue(Boolean, 'enabled', value, obj, []),
        { toClassOnly: true },
    )
    enabled?: Optional<boolean>;

    @Expose({ name: 'EnableKeyRotation' })
    @Transform(
        ({ value, obj }) => transformValue(Boolean, 'enableKeyRotation', value, obj, []),
        { toClassOnly: true },
    )
    enableKeyRotation?: Optional<boolean>;

    @Expose({ name: 'RotationPeriodInDays' })
    @Transform(
        ({ value, obj }) => transformValue(Integer, 'rotationPeriodInDays', value, obj, []),
        { toClassOnly: true },
    )
    rotationPeriodInDays?: Optional<integer>;

    @Expose({ name: 'MultiRegion' })
    @Transform(
        ({ value, obj }) => transformValue(Boolean, 'multiRegion', value, obj, []),
        { toClassOnly: true },
    )
    multiRegion?: Optional<boolean>;

    @Expose({ name: 'Description' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'description', value, obj, []),
        { toClassOnly: true },
    )
    description?: Optional<string>;

    @Expose({ name: 'KeyPolicy' })
    @Transform(
        ({ value, obj }) => transformValue(Object, 'keyPolicy', value, obj, []),
        { toClassOnly: true },
    )
    keyPolicy?: Optional<object>;

    @Expose({ name: 'AdditionalPolicyStatements' })
    @Type(() => PolicyStatement)
    additionalPolicyStatements?: Optional<Array<PolicyStatement>>;

    @Expose({ name: 'KeyUserArns' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'keyUserArns', value, obj, [Set]),
        { toClassOnly: true },
    )
    keyUserArns?: Optional<Set<string>>;

    @Expose({ name: 'EventSourceServices' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'eventSourceServices', value, obj, [Set]),
        { toClassOnly: true },
    )
    eventSourceServices?: Optional<Set<string>>;

    @Expose({ name: 'SourceArns' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'sourceArns', value, obj, [Set]),
        { toClassOnly: true },
    )
    sourceArns?: Optional<Set<string>>;

    @Expose({ name: 'NodeRoleArns' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'nodeRoleArns', value, obj, [Set]),
        { toClassOnly: true },
    )
    nodeRoleArns?: Optional<Set<string>>;

    @Expose({ name: 'GlobalTables' })
    @Transform(
        ({ value, obj }) => transformValue(Boolean, 'globalTables', value, obj, []),
        { toClassOnly: true },
    )
    globalTables?: Optional<boolean>;

    @Expose({ name: 'AutoScalingGrants' })
    @Transform(
        ({ value, obj }) => transformValue(Boolean, 'autoScalingGrants', value, obj, []),
        { toClassOnly: true },
    )
    autoScalingGrants?: Optional<boolean>;

    @Expose({ name: 'Tags' })
    @Type(() => Tag)
    tags?: Optional<Array<Tag>>;
}

export class PolicyStatement extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';

    @Expose({ name: 'Sid' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'sid', value, obj, []),
        { toClassOnly: true },
    )
    sid?: Optional<string>;

    @Expose({ name: 'Effect' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'effect', value, obj, []),
        { toClassOnly: true },
    )
    effect?: Optional<string>;

    @Expose({ name: 'Principal' })
    @Transform(
        ({ value, obj }) => transformValue(Object, 'principal', value, obj, []),
        { toClassOnly: true },
    )
    principal?: Optional<object>;

    @Expose({ name: 'NotPrincipal' })
    @Transform(
        ({ value, obj }) => transformValue(Object, 'notPrincipal', value, obj, []),
        { toClassOnly: true },
    )
    notPrincipal?: Optional<object>;

    @Expose({ name: 'Action' })
    @Transform(
        ({ value, obj }) => transformValue(Object, 'action', value, obj, []),
        { toClassOnly: true },
    )
    action?: Optional<object>;

    @Expose({ name: 'NotAction' })
    @Transform(
        ({ value, obj }) => transformValue(Object, 'notAction', value, obj, []),
        { toClassOnly: true },
    )
    notAction?: Optional<object>;

    @Expose({ name: 'Resource' })
    @Transform(
        ({ value, obj }) => transformValue(Object, 'resource', value, obj, []),
        { toClassOnly: true },
    )
    resource?: Optional<object>;

    @Expose({ name: 'NotResource' })
    @Transform(
        ({ value, obj }) => transformValue(Object, 'notResource', value, obj, []),
        { toClassOnly: true },
    )
    notResource?: Optional<object>;

    @Expose({ name: 'Condition' })
    @Transform(
        ({ value, obj }) => transformValue(Object, 'condition', value, obj, [Map]),
        { toClassOnly: true },
    )
    condition?: Optional<Map<string, object>>;
}

export class Tag extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';

    @Expose({ name: 'Key' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'key', value, obj, []),
        { toClassOnly: true },
    )
    key?: Optional<string>;

    @Expose({ name: 'Value' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'value_', value, obj, []),
        { toClassOnly: true },
    )
    value_?: Optional<string>;
}

export class Keys extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';

    @Expose({ name: 'KeyArns' })
    @Type(() => KeyArns)
    keyArns?: Optional<KeyArns>;

    @Expose({ name: 'KeyIds' })
    @Type(() => KeyIds)
    keyIds?: Optional<KeyIds>;

    @Expose({ name: 'AliasNames' })
    @Type(() => AliasNames)
    aliasNames?: Optional<AliasNames>;
}

export class KeyArns extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';

    @Expose({ name: 'S3' })
    @Transform(
        ({ value, obj }) => transformValue(String, 's3', value, obj, []),
        { toClassOnly: true },
    )
    s3?: Optional<string>;

    @Expose({ name: 'Ebs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ebs', value, obj, []),
        { toClassOnly: true },
    )
    ebs?: Optional<string>;

    @Expose({ name: 'Efs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'efs', value, obj, []),
        { toClassOnly: true },
    )
    efs?: Optional<string>;

    @Expose({ name: 'Rds' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'rds', value, obj, []),
        { toClassOnly: true },
    )
    rds?: Optional<string>;

    @Expose({ name: 'DynamoDb' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'dynamoDb', value, obj, []),
        { toClassOnly: true },
    )
    dynamoDb?: Optional<string>;

    @Expose({ name: 'Lambda' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'lambda', value, obj, []),
        { toClassOnly: true },
    )
    lambda?: Optional<string>;

    @Expose({ name: 'Logs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'logs', value, obj, []),
        { toClassOnly: true },
    )
    logs?: Optional<string>;

    @Expose({ name: 'Sns' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'sns', value, obj, []),
        { toClassOnly: true },
    )
    sns?: Optional<string>;

    @Expose({ name: 'Sqs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'sqs', value, obj, []),
        { toClassOnly: true },
    )
    sqs?: Optional<string>;

    @Expose({ name: 'Backup' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'backup', value, obj, []),
        { toClassOnly: true },
    )
    backup?: Optional<string>;

    @Expose({ name: 'Ssm' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ssm', value, obj, []),
        { toClassOnly: true },
    )
    ssm?: Optional<string>;

    @Expose({ name: 'SecretsManager' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'secretsManager', value, obj, []),
        { toClassOnly: true },
    )
    secretsManager?: Optional<string>;

    @Expose({ name: 'Session' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'session', value, obj, []),
        { toClassOnly: true },
    )
    session?: Optional<string>;

    @Expose({ name: 'Kinesis' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'kinesis', value, obj, []),
        { toClassOnly: true },
    )
    kinesis?: Optional<string>;

    @Expose({ name: 'Glue' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'glue', value, obj, []),
        { toClassOnly: true },
    )
    glue?: Optional<string>;

    @Expose({ name: 'Mwaa' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'mwaa', value, obj, []),
        { toClassOnly: true },
    )
    mwaa?: Optional<string>;

    @Expose({ name: 'Ecr' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ecr', value, obj, []),
        { toClassOnly: true },
    )
    ecr?: Optional<string>;

    @Expose({ name: 'Eks' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'eks', value, obj, []),
        { toClassOnly: true },
    )
    eks?: Optional<string>;

    @Expose({ name: 'CloudTrail' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'cloudTrail', value, obj, []),
        { toClassOnly: true },
    )
    cloudTrail?: Optional<string>;

    @Expose({ name: 'Config' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'config', value, obj, []),
        { toClassOnly: true },
    )
    config?: Optional<string>;

    @Expose({ name: 'Events' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'events', value, obj, []),
        { toClassOnly: true },
    )
    events?: Optional<string>;

    @Expose({ name: 'Firehose' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'firehose', value, obj, []),
        { toClassOnly: true },
    )
    firehose?: Optional<string>;

    @Expose({ name: 'OpenSearch' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'openSearch', value, obj, []),
        { toClassOnly: true },
    )
    openSearch?: Optional<string>;

    @Expose({ name: 'Redshift' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'redshift', value, obj, []),
        { toClassOnly: true },
    )
    redshift?: Optional<string>;

    @Expose({ name: 'ElastiCache' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'elastiCache', value, obj, []),
        { toClassOnly: true },
    )
    elastiCache?: Optional<string>;

    @Expose({ name: 'StepFunctions' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'stepFunctions', value, obj, []),
        { toClassOnly: true },
    )
    stepFunctions?: Optional<string>;

    @Expose({ name: 'XRay' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'xRay', value, obj, []),
        { toClassOnly: true },
    )
    xRay?: Optional<string>;

    @Expose({ name: 'CodeArtifact' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'codeArtifact', value, obj, []),
        { toClassOnly: true },
    )
    codeArtifact?: Optional<string>;

    @Expose({ name: 'Msk' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'msk', value, obj, []),
        { toClassOnly: true },
    )
    msk?: Optional<string>;

    @Expose({ name: 'Athena' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'athena', value, obj, []),
        { toClassOnly: true },
    )
    athena?: Optional<string>;
}

export class KeyIds extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';

    @Expose({ name: 'S3' })
    @Transform(
        ({ value, obj }) => transformValue(String, 's3', value, obj, []),
        { toClassOnly: true },
    )
    s3?: Optional<string>;

    @Expose({ name: 'Ebs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ebs', value, obj, []),
        { toClassOnly: true },
    )
    ebs?: Optional<string>;

    @Expose({ name: 'Efs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'efs', value, obj, []),
        { toClassOnly: true },
    )
    efs?: Optional<string>;

    @Expose({ name: 'Rds' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'rds', value, obj, []),
        { toClassOnly: true },
    )
    rds?: Optional<string>;

    @Expose({ name: 'DynamoDb' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'dynamoDb', value, obj, []),
        { toClassOnly: true },
    )
    dynamoDb?: Optional<string>;

    @Expose({ name: 'Lambda' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'lambda', value, obj, []),
        { toClassOnly: true },
    )
    lambda?: Optional<string>;

    @Expose({ name: 'Logs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'logs', value, obj, []),
        { toClassOnly: true },
    )
    logs?: Optional<string>;

    @Expose({ name: 'Sns' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'sns', value, obj, []),
        { toClassOnly: true },
    )
    sns?: Optional<string>;

    @Expose({ name: 'Sqs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'sqs', value, obj, []),
        { toClassOnly: true },
    )
    sqs?: Optional<string>;

    @Expose({ name: 'Backup' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'backup', value, obj, []),
        { toClassOnly: true },
    )
    backup?: Optional<string>;

    @Expose({ name: 'Ssm' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ssm', value, obj, []),
        { toClassOnly: true },
    )
    ssm?: Optional<string>;

    @Expose({ name: 'SecretsManager' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'secretsManager', value, obj, []),
        { toClassOnly: true },
    )
    secretsManager?: Optional<string>;

    @Expose({ name: 'Session' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'session', value, obj, []),
        { toClassOnly: true },
    )
    session?: Optional<string>;

    @Expose({ name: 'Kinesis' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'kinesis', value, obj, []),
        { toClassOnly: true },
    )
    kinesis?: Optional<string>;

    @Expose({ name: 'Glue' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'glue', value, obj, []),
        { toClassOnly: true },
    )
    glue?: Optional<string>;

    @Expose({ name: 'Mwaa' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'mwaa', value, obj, []),
        { toClassOnly: true },
    )
    mwaa?: Optional<string>;

    @Expose({ name: 'Ecr' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ecr', value, obj, []),
        { toClassOnly: true },
    )
    ecr?: Optional<string>;

    @Expose({ name: 'Eks' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'eks', value, obj, []),
        { toClassOnly: true },
    )
    eks?: Optional<string>;

    @Expose({ name: 'CloudTrail' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'cloudTrail', value, obj, []),
        { toClassOnly: true },
    )
    cloudTrail?: Optional<string>;

    @Expose({ name: 'Config' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'config', value, obj, []),
        { toClassOnly: true },
    )
    config?: Optional<string>;

    @Expose({ name: 'Events' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'events', value, obj, []),
        { toClassOnly: true },
    )
    events?: Optional<string>;

    @Expose({ name: 'Firehose' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'firehose', value, obj, []),
        { toClassOnly: true },
    )
    firehose?: Optional<string>;

    @Expose({ name: 'OpenSearch' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'openSearch', value, obj, []),
        { toClassOnly: true },
    )
    openSearch?: Optional<string>;

    @Expose({ name: 'Redshift' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'redshift', value, obj, []),
        { toClassOnly: true },
    )
    redshift?: Optional<string>;

    @Expose({ name: 'ElastiCache' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'elastiCache', value, obj, []),
        { toClassOnly: true },
    )
    elastiCache?: Optional<string>;

    @Expose({ name: 'StepFunctions' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'stepFunctions', value, obj, []),
        { toClassOnly: true },
    )
    stepFunctions?: Optional<string>;

    @Expose({ name: 'XRay' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'xRay', value, obj, []),
        { toClassOnly: true },
    )
    xRay?: Optional<string>;

    @Expose({ name: 'CodeArtifact' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'codeArtifact', value, obj, []),
        { toClassOnly: true },
    )
    codeArtifact?: Optional<string>;

    @Expose({ name: 'Msk' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'msk', value, obj, []),
        { toClassOnly: true },
    )
    msk?: Optional<string>;

    @Expose({ name: 'Athena' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'athena', value, obj, []),
        { toClassOnly: true },
    )
    athena?: Optional<string>;
}

export class AliasNames extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';

    @Expose({ name: 'S3' })
    @Transform(
        ({ value, obj }) => transformValue(String, 's3', value, obj, []),
        { toClassOnly: true },
    )
    s3?: Optional<string>;

    @Expose({ name: 'Ebs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ebs', value, obj, []),
        { toClassOnly: true },
    )
    ebs?: Optional<string>;

    @Expose({ name: 'Efs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'efs', value, obj, []),
        { toClassOnly: true },
    )
    efs?: Optional<string>;

    @Expose({ name: 'Rds' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'rds', value, obj, []),
        { toClassOnly: true },
    )
    rds?: Optional<string>;

    @Expose({ name: 'DynamoDb' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'dynamoDb', value, obj, []),
        { toClassOnly: true },
    )
    dynamoDb?: Optional<string>;

    @Expose({ name: 'Lambda' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'lambda', value, obj, []),
        { toClassOnly: true },
    )
    lambda?: Optional<string>;

    @Expose({ name: 'Logs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'logs', value, obj, []),
        { toClassOnly: true },
    )
    logs?: Optional<string>;

    @Expose({ name: 'Sns' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'sns', value, obj, []),
        { toClassOnly: true },
    )
    sns?: Optional<string>;

    @Expose({ name: 'Sqs' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'sqs', value, obj, []),
        { toClassOnly: true },
    )
    sqs?: Optional<string>;

    @Expose({ name: 'Backup' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'backup', value, obj, []),
        { toClassOnly: true },
    )
    backup?: Optional<string>;

    @Expose({ name: 'Ssm' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ssm', value, obj, []),
        { toClassOnly: true },
    )
    ssm?: Optional<string>;

    @Expose({ name: 'SecretsManager' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'secretsManager', value, obj, []),
        { toClassOnly: true },
    )
    secretsManager?: Optional<string>;

    @Expose({ name: 'Session' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'session', value, obj, []),
        { toClassOnly: true },
    )
    session?: Optional<string>;

    @Expose({ name: 'Kinesis' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'kinesis', value, obj, []),
        { toClassOnly: true },
    )
    kinesis?: Optional<string>;

    @Expose({ name: 'Glue' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'glue', value, obj, []),
        { toClassOnly: true },
    )
    glue?: Optional<string>;

    @Expose({ name: 'Mwaa' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'mwaa', value, obj, []),
        { toClassOnly: true },
    )
    mwaa?: Optional<string>;

    @Expose({ name: 'Ecr' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'ecr', value, obj, []),
        { toClassOnly: true },
    )
    ecr?: Optional<string>;

    @Expose({ name: 'Eks' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'eks', value, obj, []),
        { toClassOnly: true },
    )
    eks?: Optional<string>;

    @Expose({ name: 'CloudTrail' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'cloudTrail', value, obj, []),
        { toClassOnly: true },
    )
    cloudTrail?: Optional<string>;

    @Expose({ name: 'Config' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'config', value, obj, []),
        { toClassOnly: true },
    )
    config?: Optional<string>;

    @Expose({ name: 'Events' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'events', value, obj, []),
        { toClassOnly: true },
    )
    events?: Optional<string>;

    @Expose({ name: 'Firehose' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'firehose', value, obj, []),
        { toClassOnly: true },
    )
    firehose?: Optional<string>;

    @Expose({ name: 'OpenSearch' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'openSearch', value, obj, []),
        { toClassOnly: true },
    )
    openSearch?: Optional<string>;

    @Expose({ name: 'Redshift' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'redshift', value, obj, []),
        { toClassOnly: true },
    )
    redshift?: Optional<string>;

    @Expose({ name: 'ElastiCache' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'elastiCache', value, obj, []),
        { toClassOnly: true },
    )
    elastiCache?: Optional<string>;

    @Expose({ name: 'StepFunctions' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'stepFunctions', value, obj, []),
        { toClassOnly: true },
    )
    stepFunctions?: Optional<string>;

    @Expose({ name: 'XRay' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'xRay', value, obj, []),
        { toClassOnly: true },
    )
    xRay?: Optional<string>;

    @Expose({ name: 'CodeArtifact' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'codeArtifact', value, obj, []),
        { toClassOnly: true },
    )
    codeArtifact?: Optional<string>;

    @Expose({ name: 'Msk' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'msk', value, obj, []),
        { toClassOnly: true },
    )
    msk?: Optional<string>;

    @Expose({ name: 'Athena' })
    @Transform(
        ({ value, obj }) => transformValue(String, 'athena', value, obj, []),
        { toClassOnly: true },
    )
    athena?: Optional<string>;
}

export class TypeConfigurationModel extends BaseModel {
    @Exclude()
    public static override readonly TYPE_NAME: string = 'Org::Security::ServiceKmsKeys';
}
