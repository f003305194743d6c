/** The software authenticator lives with the demo content (which signs with it); tests use the same. */
export * from '../../app/domain/demo/soft-authenticator.server';
