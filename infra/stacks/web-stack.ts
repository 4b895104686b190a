import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { SWAGGER_UI_ASSETS } from '../../functions/api/docs.ts';
import type { ShegongConfig } from '../config.ts';
import type { Identity } from '../constructs/identity.ts';
import { acknowledge } from '../nag.ts';

export const DEFAULT_SITE_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const SWAGGER_UI_DIR = fileURLToPath(new URL('../../node_modules/swagger-ui-dist/', import.meta.url));

export interface WebStackProps extends StackProps {
  config: ShegongConfig;
  api: HttpApi;
  identity: Identity;
  /** The built web app (default web/dist; `npm run build:web`). */
  siteDir?: string;
}

/** Client routes have no file extension; they get index.html (the SPA fallback) at the edge. */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The web app in AWS: a private bucket (no public access; CloudFront reads it through Origin Access
 * Control) behind one distribution that also routes /v1/*, /openapi.json and /docs to the HTTP API,
 * so the browser talks to one origin (no CORS). Hashed assets are cached for a year; index.html and
 * config.json are revalidated every time. config.json carries the sign-in settings, written at
 * deploy time from this stack's identity (BucketDeployment of local files, no Docker).
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const siteDir = props.siteDir ?? DEFAULT_SITE_DIR;
    if (!existsSync(join(siteDir, 'index.html'))) {
      throw new Error(`${siteDir} has no index.html: run \`npm run build:web\` before synth`);
    }

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);

    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });

    const connectSources = ["'self'"];
    if (props.config.auth.mode === 'cognito')
      connectSources.push(`https://cognito-idp.${this.region}.${this.urlSuffix}`);
    else connectSources.push(new URL(props.config.auth.issuer).origin);
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'shegong web: CSP, HSTS, nosniff, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          // antd and antd-mobile set inline styles (CSS-in-JS); scripts only from this origin.
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            `connect-src ${connectSources.join(' ')}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
          ].join('; '),
        },
        strictTransportSecurity: {
          override: true,
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: false,
        },
        contentTypeOptions: { override: true },
        frameOptions: { override: true, frameOption: HeadersFrameOption.DENY },
        referrerPolicy: {
          override: true,
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        },
      },
    });

    // Honours the objects' Cache-Control (set per file by the deployments below).
    const siteCache = new CachePolicy(this, 'SiteCache', {
      comment: 'shegong web: follow Cache-Control (immutable assets, revalidated index.html)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      cookieBehavior: CacheCookieBehavior.none(),
    });
    const toApi: BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
      compress: true,
    };
    const fromSite: BehaviorOptions = {
      origin: siteOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: siteCache,
      responseHeadersPolicy: headers,
      compress: true,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'shegong (社工) web app and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      defaultBehavior: {
        ...fromSite,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new CloudFrontFunction(this, 'SpaFallback', {
              comment: 'Client routes get index.html',
              code: FunctionCode.fromInline(SPA_REWRITE),
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/v1/*': toApi,
        '/openapi.json': toApi,
        '/docs': toApi,
        '/docs/init.js': toApi,
        '/docs/assets/*': fromSite,
        '/assets/*': fromSite,
      },
    });

    const authConfig =
      props.config.auth.mode === 'cognito'
        ? {
            mode: 'cognito',
            region: this.region,
            userPoolId: props.identity.userPool!.userPoolId,
            clientId: props.identity.userPoolClient!.userPoolClientId,
          }
        : { mode: 'oidc', authority: props.config.auth.issuer, clientId: props.config.auth.audience[0] };

    const deploy = (id: string, sources: ISource[], cacheControl: CacheControl[], extra: object = {}) =>
      new BucketDeployment(this, id, {
        destinationBucket: this.bucket,
        sources,
        cacheControl,
        prune: false,
        memoryLimit: 512,
        ...extra,
      });
    // Hashed assets first (long cache), then the entry points that name them (no cache).
    const assets = deploy(
      'Assets',
      [Source.asset(siteDir, { exclude: ['index.html', 'config.json'] })],
      [CacheControl.fromString('public, max-age=31536000, immutable')],
    );
    const docsAssets = deploy(
      'DocsAssets',
      [
        Source.asset(SWAGGER_UI_DIR, {
          exclude: ['*', ...Object.keys(SWAGGER_UI_ASSETS).map((f) => `!${f}`)],
        }),
      ],
      [CacheControl.fromString('public, max-age=86400')],
      { destinationKeyPrefix: 'docs/assets/' },
    );
    const entry = deploy(
      'EntryPoints',
      [
        Source.asset(siteDir, { exclude: ['*', '!index.html'] }),
        Source.jsonData('config.json', { auth: authConfig }),
      ],
      [CacheControl.noCache()],
      { distribution: this.distribution, distributionPaths: ['/index.html', '/config.json'] },
    );
    entry.node.addDependency(assets);
    entry.node.addDependency(docsAssets);

    acknowledge(
      this,
      {
        id: 'AwsSolutions-S1',
        reason:
          'The site bucket only holds the built web app, rewritten on every deploy; CloudFront access logs are the record of reads.',
      },
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Community workers may sign in from anywhere; access is controlled by Cognito/OIDC, not geography.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL by default: the API behind /v1 has API Gateway throttling and a JWT authorizer; add a WAF per deployment if required.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Access logging needs a log bucket with ACLs; left to the deployment (standard logging v2 can be enabled without redeploying).',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default CloudFront certificate allows TLS 1.0 for viewers; a custom domain with TLSv1.2_2021 is a deployment choice.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'The BucketDeployment custom resource (provided by aws-cdk-lib) writes its logs with the basic execution role.',
      },
      ...[
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        'Resource::*',
        `Resource::<${this.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      ].map((finding) => ({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          'The BucketDeployment handler (aws-cdk-lib) copies the built site from the CDK asset bucket into the site bucket and invalidates the distribution; its grants are object-level wildcards on those two buckets.',
      })),
      {
        id: 'AwsSolutions-L1',
        reason: 'The BucketDeployment handler runtime is chosen by aws-cdk-lib and upgraded with it.',
      },
    );

    new CfnOutput(this, 'WebUrl', {
      value: `https://${this.distribution.distributionDomainName}/`,
      description: 'The web app (and the API under /v1) on CloudFront',
    });
  }
}
