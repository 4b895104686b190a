import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthApp } from './synth.ts';

describe('web stack (S3 + CloudFront)', () => {
  let web: Template;
  beforeAll(() => {
    web = synthApp().webTemplate;
  });

  it('keeps the site bucket private and reads it through Origin Access Control', () => {
    web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    web.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' }),
        ]),
      },
    });
  });

  it('routes /v1/*, /openapi.json and /docs to the HTTP API uncached; assets from the bucket', () => {
    const distribution = Object.values(web.findResources('AWS::CloudFront::Distribution'))[0]!;
    const config = distribution.Properties.DistributionConfig;
    const behaviours = Object.fromEntries(
      config.CacheBehaviors.map(
        (b: { PathPattern: string; TargetOriginId: string; CachePolicyId: unknown }) => [b.PathPattern, b],
      ),
    );
    expect(Object.keys(behaviours).sort()).toEqual(
      ['/assets/*', '/docs', '/docs/assets/*', '/docs/init.js', '/openapi.json', '/v1/*'].sort(),
    );
    const apiOrigin = behaviours['/v1/*'].TargetOriginId;
    expect(behaviours['/openapi.json'].TargetOriginId).toBe(apiOrigin);
    expect(behaviours['/assets/*'].TargetOriginId).not.toBe(apiOrigin);
    expect(behaviours['/v1/*'].AllowedMethods).toContain('POST');
    // AWS's managed CachingDisabled policy.
    expect(behaviours['/v1/*'].CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.FunctionAssociations[0].EventType).toBe('viewer-request');
  });

  it('rewrites client routes to index.html at the edge', () => {
    web.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp("request.uri = '/index.html'"),
    });
  });

  it('sends CSP, HSTS, nosniff and frame-ancestors none', () => {
    web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 730 * 86400 }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        },
      },
    });
  });

  it('has a CSP without inline scripts that forbids framing', () => {
    const policy = Object.values(web.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const csp = JSON.stringify(
      policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
    );
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain('cognito-idp.');
  });

  it('deploys hashed assets with a year of cache, index.html and config.json uncached', () => {
    const deployments = Object.values(web.findResources('Custom::CDKBucketDeployment')).map(
      (d) => d.Properties,
    );
    const cacheOf = (d: { SystemMetadata?: Record<string, string> }) => d.SystemMetadata?.['cache-control'];
    expect(deployments.map(cacheOf).sort()).toEqual(
      ['no-cache', 'public, max-age=31536000, immutable', 'public, max-age=86400'].sort(),
    );
    const entry = deployments.find((d) => cacheOf(d) === 'no-cache')!;
    // config.json is written at deploy time from the stack's identity (jsonData markers).
    expect(JSON.stringify(entry.SourceMarkers)).toContain('IdentityUserPoolWebClient');
    expect(entry.DistributionPaths).toEqual(['/index.html', '/config.json']);
  });

  it('outputs the distribution URL', () => {
    web.hasOutput('WebUrl', { Value: Match.anyValue() });
  });
});
