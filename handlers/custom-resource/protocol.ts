/**
 * The CloudFormation custom-resource protocol (org-deployment.md §5). Declared here rather than
 * taken from @types/aws-lambda so the handler has no type dependency and documents what it reads.
 */

export type RequestType = 'Create' | 'Update' | 'Delete';

/** Scalars in ResourceProperties arrive as strings; nested objects and lists keep their shape. */
export type RawProperties = Record<string, unknown>;

export interface CustomResourceEvent {
  readonly RequestType: RequestType;
  readonly ServiceToken?: string;
  /** Pre-signed S3 PUT URL: the only place the result goes. Never log it (the signature is a credential). */
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly ResourceType: string;
  readonly LogicalResourceId: string;
  /** Update and Delete only. */
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: RawProperties;
  /** Update only. */
  readonly OldResourceProperties?: RawProperties;
}

/** The part of the Lambda context the handler uses. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
  readonly invokedFunctionArn?: string;
  readonly logGroupName?: string;
  readonly logStreamName?: string;
  readonly awsRequestId?: string;
}

export type ResponseStatus = 'SUCCESS' | 'FAILED';

/** The JSON body PUT to ResponseURL; the whole body must fit in MAX_RESPONSE_BYTES. */
export interface CustomResourceResponse {
  readonly Status: ResponseStatus;
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly NoEcho?: boolean;
  readonly Data?: Readonly<Record<string, string>>;
}

/** CloudFormation rejects responses larger than this (bytes of the JSON body). */
export const MAX_RESPONSE_BYTES = 4096;
